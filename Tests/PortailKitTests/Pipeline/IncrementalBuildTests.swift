import Foundation
import Testing
@testable import PortailKit

/// Builds that reuse the previous build's outputs (``RenderCache``, what `portail serve` keeps
/// between rebuilds) must give the same tree, byte for byte, as a clean build of the same
/// content: after no change, after changed cells, after a new dataset and after a deleted one.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// A copy of the small fixture site that the test changes.
    struct Site {
        let root: URL
        var content: URL { root.appendingPathComponent("Content") }
        /// A copy of the default theme, which some steps edit.
        var theme: URL { root.appendingPathComponent("Theme") }

        init() throws {
            root = try Fixtures.temporaryDirectory()
            try Fixtures.overlay(Fixtures.site("small").appendingPathComponent("Content"), onto: content)
            try Fixtures.overlay(Fixtures.defaultTheme, onto: theme)
        }

        /// Edits a file of the content, or of the theme with a path starting `Theme/`.
        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = path.hasPrefix("Theme/") ? root.appendingPathComponent(path) : content.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changed nothing")
            try changed.write(to: url, atomically: true, encoding: .utf8)
        }

        func options(cache: RenderCache?) -> BuildOptions {
            var options = BuildOptions(content: content, contentDisplay: "Content", theme: theme,
                                       themeDisplay: "Themes/default", buildDate: Fixtures.buildDate)
            options.leaflet = Fixtures.fixtures.appendingPathComponent("Leaflet")
            options.cache = cache
            return options
        }

        /// A build reusing `previous` through `cache`, and a clean build of the same content.
        func buildBoth(cache: RenderCache, previous: [String: Data]) async -> (incremental: [String: Data], clean: [String: Data]) {
            let incremental = MemoryOutput(previous: previous)
            let first = await Pipeline.run(options(cache: cache), to: incremental)
            #expect(first.succeeded, "\(DiagnosticFormatter().format(first.diagnostics))")
            let clean = MemoryOutput()
            let second = await Pipeline.run(options(cache: nil), to: clean)
            #expect(second.succeeded, "\(DiagnosticFormatter().format(second.diagnostics))")
            return (incremental.files, clean.files)
        }
    }

    static func expectSameTree(_ a: [String: Data], _ b: [String: Data], _ step: String) {
        #expect(Set(a.keys) == Set(b.keys), "\(step): files differ: \(Set(a.keys).symmetricDifference(b.keys).sorted().prefix(10))")
        let different = a.keys.filter { b[$0] != nil && a[$0] != b[$0] }.sorted()
        #expect(different.isEmpty, "\(step): different bytes in \(different.prefix(10))")
    }

    @Test("changes, additions and deletions give the tree of a clean build")
    func sameTreeAsCleanBuild() async throws {
        let site = try Site()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let cache = RenderCache()

        // 1. First build: everything is rendered and remembered.
        let (first, clean1) = await site.buildBoth(cache: cache, previous: [:])
        Self.expectSameTree(first, clean1, "first build")
        let firstCounts = cache.takeCounts()
        #expect(firstCounts.reused == 0 && firstCounts.rendered >= 5, "\(firstCounts)")

        // 2. No change: every unit is reused.
        let (second, clean2) = await site.buildBoth(cache: cache, previous: first)
        Self.expectSameTree(second, clean2, "no change")
        #expect(cache.takeCounts() == (reused: firstCounts.rendered, rendered: 0))
        // The data files whose check gives only a count and an extent are not read again (the
        // sessions, the members-only distributors); places and events are.
        #expect(cache.takeTablesReused() == 2)

        // 3. One cell of the places of the agenda (the agenda's units follow it), one of another
        // dataset, a new dataset, a deleted one.
        try site.edit("datasets/salles/salles.csv") { $0.replacingOccurrences(of: ";Brest;", with: ";Brest-Plage;") }
        try site.edit("datasets/seances/seances.csv") { $0.replacingOccurrences(of: ";120;", with: ";121;") }
        let fm = FileManager.default
        let datasets = site.content.appendingPathComponent("datasets")
        try fm.copyItem(at: datasets.appendingPathComponent("seances"), to: datasets.appendingPathComponent("seances-bis"))
        try fm.removeItem(at: datasets.appendingPathComponent("distributeurs"))
        let (third, clean3) = await site.buildBoth(cache: cache, previous: second)
        Self.expectSameTree(third, clean3, "after changes")
        #expect(third.keys.contains { $0.hasPrefix("datasets/seances-bis/") })
        #expect(!third.keys.contains { $0.hasPrefix("datasets/distributeurs/") })
        #expect(third["datasets/salles/salles.csv"] != second["datasets/salles/salles.csv"])
        #expect(cache.takeTablesReused() == 0, "every file read: changed, new, or the places'")
        let thirdCounts = cache.takeCounts()
        // The places' and the events' exports, the agenda, the two changed or new datasets.
        #expect(thirdCounts.rendered >= 5, "every changed unit is rendered again: \(thirdCounts)")

        // 4. A change in one dataset that no other reads: only its units are rendered again,
        // and the files that describe every dataset (DCAT, the API); not the sitemap, since
        // the dataset's records have no pages.
        try site.edit("datasets/seances-bis/seances.csv") { $0.replacingOccurrences(of: ";45;", with: ";46;") }
        let (fourth, clean4) = await site.buildBoth(cache: cache, previous: third)
        Self.expectSameTree(fourth, clean4, "one cell")
        let fourthCounts = cache.takeCounts()
        #expect(fourthCounts.rendered == 2, "only seances-bis's exports and the metadata: \(fourthCounts)")
        #expect(fourth["sitemap.xml"] == third["sitemap.xml"])
        #expect(fourthCounts.reused >= 3, "\(fourthCounts)")
        #expect(cache.takeTablesReused() == 1, "the sessions' file is not read again; their copy's is")

        // 5. What only pages that are not units read: a page's text, a theme's asset. No unit is
        // rendered again, however many pages the units hold.
        let units = cache.units
        // Pages, the metadata (the feeds are translated) and the sitemap (it lists the pages).
        let pageUnits = units.filter { !$0.hasPrefix("exports:") }
        #expect(pageUnits.contains("agenda") && pageUnits.contains("metadata") && pageUnits.contains("sitemap")
                && pageUnits.contains { $0.hasPrefix("records:") }, "\(units)")
        try site.edit("pages/a-propos.md") { $0 + "\nUn paragraphe de plus.\n" }
        try site.edit("Theme/assets/portail.css") { $0 + "\n/* a comment */\n" }
        let (fifth, clean5) = await site.buildBoth(cache: cache, previous: fourth)
        Self.expectSameTree(fifth, clean5, "page text, asset")
        #expect(fifth["pages/a-propos.html"] != fourth["pages/a-propos.html"])
        #expect(cache.takeCounts() == (reused: units.count, rendered: 0))

        // 6. What every page shows but no export reads: the menu (a page's title), a template,
        // a translation. Page units are rendered again; the exports are kept.
        try site.edit("pages/a-propos.md") { $0.replacingOccurrences(of: "title: À propos", with: "title: Qui sommes-nous") }
        let (sixth, clean6) = await site.buildBoth(cache: cache, previous: fifth)
        Self.expectSameTree(sixth, clean6, "page title")
        #expect(cache.takeCounts() == (reused: units.count - pageUnits.count, rendered: pageUnits.count))
        try site.edit("Theme/templates/event.mustache") { $0.replacingOccurrences(of: "<dl class=\"metadata\">", with: "<dl class=\"metadata facts\">") }
        try site.edit("Theme/i18n/fr.yaml") { $0.replacingOccurrences(of: "Ajouter à mon agenda", with: "Ajouter à l'agenda") }
        let (seventh, clean7) = await site.buildBoth(cache: cache, previous: sixth)
        Self.expectSameTree(seventh, clean7, "template, translation")
        #expect(seventh.contains { $0.key.hasPrefix("agenda/events/") && String(decoding: $0.value, as: UTF8.self).contains("metadata facts") })
        #expect(cache.takeCounts() == (reused: units.count - pageUnits.count, rendered: pageUnits.count))

        // 8. One dataset's metadata: its units, the metadata and the sitemap. A field of the places opened to all: the
        // places' and the events' exports, and every page unit (the pages' header shows
        // whether members have an edition).
        try site.edit("datasets/seances-bis/dataset.yaml") { $0.replacingOccurrences(of: "title: Séances de la semaine", with: "title: Séances (copie)") }
        let (eighth, clean8) = await site.buildBoth(cache: cache, previous: seventh)
        Self.expectSameTree(eighth, clean8, "one dataset.yaml")
        // Its exports, the metadata, and the sitemap (the dataset's date of change).
        #expect(cache.takeCounts() == (reused: units.count - 3, rendered: 3))
        try site.edit("datasets/salles/dataset.yaml") { $0.replacingOccurrences(of: "access: members", with: "access: public") }
        let (ninth, clean9) = await site.buildBoth(cache: cache, previous: eighth)
        Self.expectSameTree(ninth, clean9, "members field opened")
        #expect(cache.takeCounts() == (reused: units.count - pageUnits.count - 2, rendered: pageUnits.count + 2))

        // 10. A change in site.yaml (shared by every unit) renders everything again.
        try site.edit("site.yaml") { $0 + "\n# a comment\n" }
        let (tenth, clean10) = await site.buildBoth(cache: cache, previous: ninth)
        Self.expectSameTree(tenth, clean10, "site.yaml")
        #expect(cache.takeCounts().reused == 0)
    }

    @Test("a changed cell renders again the pages that show it, and keeps the others of their unit")
    func pagesKeptOneByOne() async throws {
        let site = try Site()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let cache = RenderCache()
        var previous: [String: Data] = [:]
        /// Builds after an edit; returns the files of events and places that were kept.
        func build(_ step: String) async -> Set<String> {
            let output = MemoryOutput(previous: previous)
            let result = await Pipeline.run(site.options(cache: cache), to: output)
            #expect(result.succeeded, "\(DiagnosticFormatter().format(result.diagnostics))")
            let clean = MemoryOutput()
            _ = await Pipeline.run(site.options(cache: nil), to: clean)
            IncrementalBuildTests.expectSameTree(output.files, clean.files, step)
            previous = output.files
            return output.kept.filter { path in ["agenda/events/", "agenda/venues/", "datasets/salles/", "embed/agenda/"].contains { path.hasPrefix($0) }
                && (path.hasSuffix(".html") || path.hasSuffix(".ics")) && !path.hasSuffix("index.html") }
        }
        /// An event's page and calendar file; a place's page, widget and calendar.
        func files(events: [String], places: [String]) -> Set<String> {
            Set(events.flatMap { ["agenda/events/\($0).html", "agenda/events/\($0).ics"] }
                + places.flatMap { ["datasets/salles/\($0).html", "embed/agenda/\($0).html", "agenda/venues/\($0).ics"] })
        }
        _ = await build("first build")

        // An event's title: its files, and those of its place (salle 2), which list it. The
        // other events and places are kept.
        try site.edit("datasets/evenements/evenements.csv") { $0.replacingOccurrences(of: ";Atelier bruitage;", with: ";Atelier de bruitage;") }
        #expect(await build("an event's title")
                == files(events: ["nuit-horreur", "rencontre-en-ligne", "cine-concert", "avant-premiere"], places: ["1", "3"]))

        // A place's name: its files, and those of its events.
        try site.edit("datasets/salles/salles.csv") { $0.replacingOccurrences(of: "1;Le Rex;", with: "1;Le Grand Rex;") }
        #expect(await build("a place's name") == files(events: ["atelier-bruitage", "cine-concert"], places: ["2", "3"]))

        // A members-only cell of a place: no page shows it, everything is kept.
        try site.edit("datasets/salles/salles.csv") { $0.replacingOccurrences(of: ";30 215.0", with: ";30 216.0") }
        #expect(await build("a members-only cell")
                == files(events: ["nuit-horreur", "rencontre-en-ligne", "atelier-bruitage", "cine-concert", "avant-premiere"], places: ["1", "2", "3"]))

        // An event moved to another day and place: its files, and both places'.
        try site.edit("datasets/evenements/evenements.csv") {
            $0.replacingOccurrences(of: ";2026-12-19T20:30;2026-12-19T22:15;2;", with: ";2026-12-20T20:30;2026-12-20T22:15;1;")
        }
        #expect(await build("an event moved")
                == files(events: ["nuit-horreur", "rencontre-en-ligne", "atelier-bruitage", "avant-premiere"], places: ["3"]))
    }
}

/// `portail serve` rebuilds in place (``SyncDirectory``): the folder must end up as a clean
/// build would write it, stale files deleted, unchanged files not rewritten.
@Suite("Builds in place")
struct SyncDirectoryTests {
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        // Hidden top-level entries are the publisher's, left out of the walk; the build's own
        // (.htaccess) is compared too.
        for path in SyncDirectory.files(in: folder).union([".htaccess"]) {
            files[path] = try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    @Test("an in-place rebuild after changes leaves the tree of a clean build, and leaves unchanged files alone")
    func inPlace() async throws {
        let site = try IncrementalBuildTests.Site()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let output = site.root.appendingPathComponent("Output")
        let cache = RenderCache()

        var first = try SyncDirectory(output: output)
        #expect(await Pipeline.run(site.options(cache: cache), to: first).succeeded)
        first.finish()
        let before = try Self.tree(output)
        let index = output.appendingPathComponent("datasets/salles/index.html").path
        let csv = output.appendingPathComponent("datasets/seances/seances.csv").path
        let inode = { (path: String) in (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.intValue }
        let (indexInode, csvInode) = (try inode(index), try inode(csv))

        // Change one dataset, delete another: its files must go.
        try site.edit("datasets/salles/salles.csv") { $0.replacingOccurrences(of: ";Brest;", with: ";Brest-Plage;") }
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("datasets/distributeurs"))
        first = try SyncDirectory(output: output, existing: first.produced)
        #expect(await Pipeline.run(site.options(cache: cache), to: first).succeeded)
        #expect(first.finish() > 0)
        let after = try Self.tree(output)

        let clean = MemoryOutput()
        #expect(await Pipeline.run(site.options(cache: nil), to: clean).succeeded)
        IncrementalBuildTests.expectSameTree(after, clean.files, "in place")
        #expect(!after.keys.contains { $0.hasPrefix("datasets/distributeurs/") })
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("datasets/distributeurs").path))
        #expect(after["datasets/salles/index.html"] != before["datasets/salles/index.html"])
        // A changed file is a new file (renamed over the old one); an unchanged one is the same.
        #expect(try inode(index) != indexInode)
        #expect(try inode(csv) == csvInode)
        #expect(first.writtenCount < after.count / 2, "\(first.writtenCount) of \(after.count) files written")
    }
}
