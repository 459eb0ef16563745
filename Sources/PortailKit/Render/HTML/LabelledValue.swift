/// One line of a page's list of facts (`<dt>`/`<dd>`): a label, a value, and a link when
/// the value leads somewhere (a record's URL or e-mail, an event's place or registration).
struct LabelledValue: TemplateValue {
    let label: String
    let value: String
    let href: String?

    func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "value": return self.value
        case "href": return self.href
        default: return nil
        }
    }
}
