/// schema.org `Event` of an event page (Google's event rich results): dates with their offset,
/// the place with its address and position, status, attendance mode, organiser, offers.
enum EventJSONLD {
    static func event(_ event: Event, agenda: Agenda, catalog: Catalog, urls: SiteURLs) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("Event")),
            ("@id", .string(urls.absolute(EventPaths.page(event)) + "#event")),
            ("name", .string(event.title)),
            ("startDate", .string(MachineFormat.text(.datetime(event.start)))),
        ]
        if event.end > event.start { members.append(("endDate", .string(MachineFormat.text(.datetime(event.end))))) }
        members.append(("eventStatus", .string("https://schema.org/" + statusName(event.status))))
        members.append(("eventAttendanceMode", .string("https://schema.org/" + attendanceName(event.attendance))))
        var locations: [JSONValue] = []
        if event.attendance != .online, let venue = agenda.venues[event.venue] {
            var address: [(String, JSONValue)] = [("@type", .string("PostalAddress"))]
            if let street = venue.address { address.append(("streetAddress", .string(street))) }
            if let city = venue.city { address.append(("addressLocality", .string(city))) }
            if let code = venue.postalCode { address.append(("postalCode", .string(code))) }
            if let region = venue.region { address.append(("addressRegion", .string(region))) }
            address.append(("addressCountry", .string("FR")))
            var place: [(String, JSONValue)] = [("@type", .string("Place")), ("name", .string(venue.name)), ("address", .object(address))]
            if let lat = venue.latitude, let lon = venue.longitude {
                place.append(("geo", .object([("@type", .string("GeoCoordinates")), ("latitude", .double(lat)), ("longitude", .double(lon))])))
            }
            place.append(("url", .string(urls.absolute("datasets/\(agenda.venuesDatasetID)/\(venue.key).html"))))
            locations.append(.object(place))
        }
        if event.attendance != .offline, let link = event.onlineLink {
            locations.append(.object([("@type", .string("VirtualLocation")), ("url", .string(link))]))
        }
        if locations.count == 1 { members.append(("location", locations[0])) } else if !locations.isEmpty { members.append(("location", .array(locations))) }
        if let description = event.description { members.append(("description", .string(Markdown.plainText(description).trimmingWhitespaceAndNewlines()))) }
        if let image = event.image { members.append(("image", .array([.string(image)]))) }
        if let venue = agenda.venues[event.venue] {
            members.append(("organizer", .object([
                ("@type", .string("Organization")), ("name", .string(venue.name)),
                ("url", .string(urls.absolute("datasets/\(agenda.venuesDatasetID)/\(venue.key).html"))),
            ])))
        }
        if let price = event.price, let amount = amount(price) {
            var offer: [(String, JSONValue)] = [
                ("@type", .string("Offer")), ("price", .string(MachineFormat.number(amount))), ("priceCurrency", .string("EUR")),
                ("url", .string(event.url ?? urls.absolute(EventPaths.page(event)))),
                ("availability", .string("https://schema.org/" + (event.status == .full ? "SoldOut" : "InStock"))),
                ("description", .string(price)),
            ]
            if let updated = event.updated { offer.append(("validFrom", .string(MachineFormat.text(.datetime(updated))))) }
            members.append(("offers", .object(offer)))
        }
        if let min = event.ageMin, let max = event.ageMax { members.append(("typicalAgeRange", .string("\(min)-\(max)"))) }
        else if let min = event.ageMin { members.append(("typicalAgeRange", .string("\(min)-"))) }
        if !event.keywords.isEmpty { members.append(("keywords", .string(event.keywords.joined(separator: ", ")))) }
        members.append(("url", .string(urls.absolute(EventPaths.page(event)))))
        return .object(members)
    }

    static func statusName(_ status: EventStatus) -> String {
        switch status {
        case .scheduled, .full: return "EventScheduled"
        case .rescheduled: return "EventRescheduled"
        case .postponed: return "EventPostponed"
        case .cancelled: return "EventCancelled"
        }
    }

    static func attendanceName(_ mode: AttendanceMode) -> String {
        switch mode {
        case .offline: return "OfflineEventAttendanceMode"
        case .online: return "OnlineEventAttendanceMode"
        case .mixed: return "MixedEventAttendanceMode"
        }
    }

    /// The first amount of a price text ("6,50 €" → 6.5, "gratuit", "entrée libre" → 0).
    static func amount(_ price: String) -> Double? {
        let folded = price.lowercased()
        if folded.contains("gratuit") || folded.contains("entrée libre") || folded.contains("free") { return 0 }
        var digits = ""
        var started = false
        for character in price {
            if character.isASCII && character.isNumber { digits.append(character); started = true }
            else if started && (character == "," || character == ".") && !digits.contains(".") { digits.append(".") }
            else if started { break }
        }
        if digits.hasSuffix(".") { digits.removeLast() }
        return Double(digits)
    }
}
