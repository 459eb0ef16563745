import Mustache

/// Turns a page model into dictionaries and arrays before Mustache renders it.
///
/// swift-mustache looks names up with `Mirror` on every tag, and again on every object of the
/// context stack a name is not found in: on the 2,061 record pages of the example that was 80 %
/// of a build. A dictionary is looked up directly (`MustacheParent`), so each object is
/// reflected once here instead. What a template sees does not change: stored properties by
/// name, nil ones absent, arrays as sequences.
enum TemplateContext {
    static func prepare(_ value: Any) -> Any? {
        switch value {
        case is String, is Int, is Double, is Bool, is [String: String], is any TemplateValue: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { prepare($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { prepare($0.value) }
        case .struct, .class:
            var object: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let prepared = prepare(child.value) { object[label] = prepared }
            }
            return object
        default:
            return value
        }
    }
}

/// A value that templates read as it is, by name, with neither reflection nor a dictionary:
/// the models of the pages rendered by the thousand (events, places, widgets, and the chrome
/// and event items they all hold), and the items of long lists (the contribution form lists
/// every place: 21,000 options were 5.5 MB of dictionaries at the benchmark's S=10). Reflecting
/// them was a fifth of a build's time. `child(named:)` answers every stored property by its
/// name, nil ones absent, as `prepare` would (`TemplateValueTests` holds each model to it);
/// names it does not know are looked up in the enclosing context, as with a dictionary.
/// Models of many fields are classes: swift-mustache casts each object of its context stack
/// at every name it looks up, and a cast copies a struct, retaining each of its strings.
protocol TemplateValue: MustacheParent {}

/// A string stands on the context stack inside a section opened on it (`{{#city}}, {{city}}
/// {{/city}}`), and swift-mustache looks every name of that section up in it first. An object
/// that is not a `MustacheParent` is reflected with `Mirror` at each of those lookups; a string
/// has no names to offer, so it answers none, directly: at the benchmark's S=1 that was
/// 460,000 reflections of strings. What a template sees does not change (a string's mirror has
/// no children).
extension String: @retroactive MustacheParent {
    public func child(named name: String) -> Any? { nil }
}

/// swift-mustache prints a value it does not know through `String(describing:)`, after three
/// more casts of it (a lambda? an optional?), each a lookup in the runtime's table of
/// conformances; a renderable is printed at the second cast. Strings and integers are most of
/// what a page prints (about a hundred of them on each of the benchmark's 25,000 event
/// pages). The text is the one `String(describing:)` gives, and a renderable that is not null
/// opens a section as any other value does: what a template prints does not change.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
