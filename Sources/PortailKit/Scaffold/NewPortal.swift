import Foundation

/// `portail new DIR`: a minimal portal that builds and passes `check`, to edit from there:
/// the site's settings, one dataset with its data file, one page, and a README saying what to
/// change. It never writes into a folder that holds anything.
public enum NewPortal {
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// The files written, relative to the new portal's folder, in the order they are written.
    public static let files: [(path: String, text: String)] = [
        ("README.md", readme),
        (".gitignore", "/Output/\n"),
        ("Content/site.yaml", site),
        ("Content/datasets/salles/dataset.yaml", dataset),
        ("Content/datasets/salles/salles.csv", csv),
        ("Content/pages/a-propos.md", page),
    ]

    /// Writes the portal into `folder` (created when missing), with a copy of `theme` (the
    /// default theme) when given, so that the new folder builds on its own.
    public static func create(at folder: URL, theme: URL?) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Refusal(description: "\(folder.path) exists and is not a folder") }
            let entries = try fm.contentsOfDirectory(atPath: folder.path)
            guard entries.isEmpty else {
                throw Refusal(description: "\(folder.path) is not empty (\(entries.count) entries): choose a new or empty folder")
            }
        }
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try fm.createDirectory(at: folder.appendingPathComponent("Output"), withIntermediateDirectories: true)
        if let theme {
            try fm.createDirectory(at: folder.appendingPathComponent("Themes"), withIntermediateDirectories: true)
            try fm.copyItem(at: theme, to: folder.appendingPathComponent("Themes/default"))
        }
    }

    static let site = """
        # Les réglages du portail : docs/content-format.md de Portail les décrit tous.
        title: Mon portail de données
        description: |
          Les données ouvertes de **mon organisation** : modifiez ce texte dans Content/site.yaml.
        base_url: https://donnees.example.org/
        language: fr
        # languages: [fr, en]                # l'interface aussi en anglais, sous en/
        publisher:
          name: Mon organisation
          url: https://www.example.org/
          email: donnees@example.org
        licence: etalab-2.0
        timezone: Europe/Paris
        spatial: [France]

        """

    static let dataset = """
        # Un jeu de données : ses métadonnées, son fichier et ses champs.
        title: Salles de cinéma
        description: |
          Quelques salles, pour montrer le format : remplacez-les par vos données.
        keywords: [cinémas, exemple]
        themes: [Culture]
        frequency: annual
        modified: 2026-01-15
        spatial: [France]
        source:
          path: salles.csv
        key: id
        facets: [ville]
        fields:
          - {name: id, title: Numéro}
          - {name: nom, title: Nom, required: true}
          - {name: ville, title: Ville}
          - {name: fauteuils, title: Fauteuils, type: integer}
          - {name: ouverture, title: Ouverture, type: date}
          - {name: position, title: Position, type: geopoint, format: "lat, lon"}

        """

    static let csv = """
        id;nom;ville;fauteuils;ouverture;position
        1;Le Palace;Lyon;320;1932-05-01;45.7640, 4.8357
        2;L'Alhambra;Marseille;210;1928-10-12;43.2965, 5.3698
        3;Le Studio;Rennes;180;1975-03-20;48.1173, -1.6778
        4;La Lanterne;Lille;140;1999-09-09;50.6292, 3.0573

        """

    static let page = """
        ---
        title: À propos
        menu: 1
        ---
        Ce portail publie les données ouvertes de mon organisation. Modifiez cette page dans
        `Content/pages/a-propos.md` : c'est du Markdown.

        """

    static let readme = """
        # Mon portail de données

        Un portail fait avec Portail. Ce qu'il faut modifier :

        - `Content/site.yaml` : le titre, l'adresse où le portail sera publié (`base_url`),
          l'éditeur et la licence par défaut.
        - `Content/datasets/<id>/` : un dossier par jeu de données, avec son `dataset.yaml`
          (titre, description, champs) et son fichier CSV. Le nom du dossier devient l'adresse du
          jeu : gardez-le stable.
        - `Content/pages/*.md` : les pages (Markdown, avec un en-tête `title`).
        - `Themes/default/` : les gabarits, le style et les textes de l'interface
          (`i18n/fr.yaml`).

        Puis, dans ce dossier :

        ```sh
        portail check     # vérifie tout, sans rien écrire
        portail serve     # construit, sert sur http://127.0.0.1:8000 et reconstruit à chaque changement
        portail build     # écrit le portail dans Output/, à publier sur n'importe quel hébergement statique
        ```

        Le format du contenu est décrit dans `docs/content-format.md` de Portail.

        """
}
