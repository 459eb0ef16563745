/// A consumer of a dataset's records during the export pass. All sinks of a dataset are fed in
/// one read of its source file.
protocol RecordSink {
    /// Called with each record's public values, in ``Dataset/publicFields`` order.
    mutating func write(_ values: [Value]) throws
    /// Called once after the last record.
    mutating func finish() throws
}
