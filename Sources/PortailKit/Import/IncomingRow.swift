/// One entry of an imported file, as the cells of a CSV row would hold it, with where each
/// value was written in the file.
struct IncomingRow {
    /// Cell text by field name. A field absent from the entry keeps its current value when the
    /// row already exists; `""` clears it.
    var cells: [String: String] = [:]
    /// Where each field's value is in the imported file.
    var positions: [String: PositionedJSON.Position] = [:]
    /// Where each field's name is written, for names that are not fields.
    var keyPositions: [String: PositionedJSON.Position] = [:]
    /// Where the entry starts.
    let origin: PositionedJSON.Position
    /// A problem was already reported for this entry while reading it; checking its cells
    /// would only repeat it.
    var rejected = false
}
