/// JSON texts for small documents (page configuration, indexes). The encoding is the one the
/// streaming exports use (``ValueEncoding``), so every JSON file escapes alike: `/` is not
/// escaped; `<` is, so that JSON embedded in an HTML `<script>` element can never close it.
public enum JSONText {
    /// A JSON string literal.
    public static func string(_ text: String) -> String {
        String(decoding: ByteWriter.collect { ValueEncoding.jsonString(text, into: $0) }, as: UTF8.self)
    }

    /// The JSON for a typed value: numbers and booleans as such, dates as ISO 8601 strings,
    /// geopoints as `{"lat": …, "lon": …}` (Frictionless' object form, unambiguous).
    public static func value(_ value: Value) -> String {
        String(decoding: ByteWriter.collect { ValueEncoding.json(value, into: $0) }, as: UTF8.self)
    }
}
