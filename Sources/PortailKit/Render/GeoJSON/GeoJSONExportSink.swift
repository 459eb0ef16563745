/// Writes `<id>.geojson` (RFC 7946): a FeatureCollection with one Feature per record, its
/// position as [longitude, latitude] with at most six decimals (about 10 cm), and the public
/// fields as properties. A record without coordinates is a Feature with `"geometry": null`.
struct GeoJSONExportSink: RecordSink {
    private let writer: ByteWriter
    private let keys: [[UInt8]]
    private let geometry: GeometrySource
    /// Index in the written values of each dataset field, for ``GeometrySource/point(in:positions:)``.
    private let positions: [Int: Int]
    private let keyIndex: Int?
    private var first = true

    init(writer: ByteWriter, dataset: Dataset, geometry: GeometrySource) {
        self.writer = writer
        self.geometry = geometry
        let indexes = dataset.publicFieldIndexes
        self.positions = Dictionary(uniqueKeysWithValues: indexes.enumerated().map { ($1, $0) })
        self.keys = dataset.publicFields.map { Array((JSONText.string($0.name) + ":").utf8) }
        self.keyIndex = dataset.key.flatMap { key in dataset.publicFields.firstIndex { $0.name == key } }
        writer.write("{\"type\":\"FeatureCollection\",\"features\":[")
    }

    mutating func write(_ values: [Value]) throws {
        let w = writer
        w.write(first ? "\n{\"type\":\"Feature\"," : ",\n{\"type\":\"Feature\",")
        first = false
        if let keyIndex, !values[keyIndex].isNull {
            w.write("\"id\":")
            ValueEncoding.json(values[keyIndex], into: w)
            w.write(byte: UInt8(ascii: ","))
        }
        if let point = geometry.point(in: values, positions: positions) {
            w.write("\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            w.write(DCATBuilder.coordinate(point.longitude))
            w.write(byte: UInt8(ascii: ","))
            w.write(DCATBuilder.coordinate(point.latitude))
            w.write("]},")
        } else {
            w.write("\"geometry\":null,")
        }
        w.write("\"properties\":{")
        for i in values.indices {
            if i > 0 { w.write(byte: UInt8(ascii: ",")) }
            w.write(bytes: keys[i])
            ValueEncoding.json(values[i], into: w)
        }
        w.write("}}")
        w.flushIfNeeded()
    }

    mutating func finish() throws {
        writer.write(first ? "]}\n" : "\n]}\n")
        try writer.close()
    }
}
