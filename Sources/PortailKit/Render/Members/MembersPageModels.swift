/// The part of a dataset page about its restricted data: where members find it, and, for the
/// encrypted edition, the empty places members.js fills once the passphrase has opened it.
struct MembersSectionModel {
    let datasetID: String
    let heading: String
    let text: String
    let linkLabel: String
    let href: String
    /// The encrypted edition: members.js opens it in the page.
    let isEncrypted: Bool
    /// A members-only dataset (its table is restricted), rather than restricted columns.
    let isMembersOnly: Bool
    let config: String

    init?(dataset: Dataset, catalog: Catalog, locale: Localization, chrome: Chrome) {
        guard dataset.hasRestrictedData else { return nil }
        datasetID = dataset.id
        isMembersOnly = dataset.access == .members
        heading = locale[isMembersOnly ? "members_data_title" : "members_columns_title"]
        switch catalog.members {
        case .encrypted:
            isEncrypted = true
            text = locale[isMembersOnly ? "members_locked_dataset" : "members_locked_columns"]
            linkLabel = locale["members_open_link"]
            href = chrome.root + "members/index.html"
        case .separate(let url):
            isEncrypted = false
            text = locale["members_separate_text"]
            linkLabel = locale["members_separate_link"]
            href = url + locale.pathPrefix + "datasets/\(dataset.id)/"
        case .none, .revealed:
            return nil
        }
        config = MembersPageModel.config(root: chrome.filesRoot, locale: locale, dataset: dataset.id, table: isMembersOnly)
    }
}

/// `members/index.html`, "Espace adhérents": the passphrase form, then the restricted data.
struct MembersPageModel {
    struct Item {
        let title: String
        let href: String
        let id: String
        let detail: String
    }

    let chrome: Chrome
    let t: [String: String]
    let items: [Item]
    let config: String

    init(edition: MembersEdition, catalog: Catalog, locale: Localization) {
        chrome = Chrome(catalog: catalog, locale: locale, path: "members/index.html", title: locale["members_title"],
                        description: locale["members_intro"], currentMenu: "members")
        t = locale.strings
        items = edition.entries.map { entry in
            // Members-only fields are named nowhere in public files, this page included.
            let detail = locale[entry.sideFields.isEmpty ? "members_item_dataset" : "members_item_columns"]
            return Item(title: entry.dataset.title, href: "../datasets/\(entry.dataset.id)/", id: entry.dataset.id, detail: detail)
        }
        config = Self.config(root: chrome.filesRoot, locale: locale, dataset: nil, table: false)
    }

    /// JSON for members.js: where the edition is, and the messages it shows.
    /// - Parameter table: the page mounts a members-only table, which needs table.js's strings.
    static func config(root: String, locale: Localization, dataset: String?, table: Bool) -> String {
        var keys = [
            "members_unlocking", "members_unlocked", "members_wrong_passphrase", "members_unavailable",
            "members_no_webcrypto", "members_locked", "members_download", "members_decrypting", "members_lock",
            "members_empty_passphrase", "access_members", "unit_bytes", "unit_kilobytes", "unit_megabytes", "unit_gigabytes",
        ]
        if table {
            keys += ["yes", "no", "coordinate_separator", "table_loading", "table_status", "table_status_filtered",
                     "table_status_empty", "table_page_position", "table_sort_by", "table_filter_column",
                     "table_filter_hint_numeric", "table_load_error", "table_facets"]
        }
        return JSONValue.object([
            ("root", .string(root)),
            ("params", .string(MembersEdition.paramsPath)),
            ("dataset", dataset.map(JSONValue.string) ?? .null),
            ("locale", LocaleConfig.json(locale)),
            ("strings", LocaleConfig.strings(locale, keys)),
        ]).serialized()
    }
}
