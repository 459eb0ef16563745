/// Stable identifiers of every kind of problem Portail reports. They appear in the output
/// (`… [yaml-syntax]` at the end of each message) and are documented in `docs/content-format.md`, so they never change.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    // Files and folders
    case missingFile = "missing-file"
    case unreadableFile = "unreadable-file"
    case invalidIdentifier = "invalid-id"
    // YAML
    case yamlSyntax = "yaml-syntax"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case wrongYAMLType = "wrong-type"
    case invalidValue = "invalid-value"
    case duplicateName = "duplicate-name"
    // Metadata
    case unknownLicence = "unknown-licence"
    case invalidDate = "invalid-date"
    case invalidURL = "invalid-url"
    // Tables
    case csvSyntax = "csv-syntax"
    case csvEncoding = "csv-encoding"
    case csvHeader = "csv-header"
    case undeclaredColumn = "undeclared-column"
    case missingColumn = "missing-column"
    case raggedRow = "ragged-row"
    case typeMismatch = "type-mismatch"
    case requiredValue = "required-value"
    case duplicateKey = "duplicate-key"
    case cellTooLarge = "cell-too-large"
    case textEncoding = "text-encoding"
    // Pages and theme
    case frontMatter = "front-matter"
    case template = "template"
    case translation = "translation"
    // Environment
    case missingLeaflet = "missing-leaflet"
    // Imports
    case membersNotPublished = "members-not-published"
    case importSyntax = "import-syntax"
    case importEntry = "import-entry"
}
