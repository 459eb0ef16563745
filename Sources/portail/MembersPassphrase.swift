import ArgumentParser
import Foundation

/// Where the members' passphrase comes from: a file named on the command line, else the
/// environment; never from the content, which is shared and versioned.
enum MembersPassphrase {
    static let environmentVariable = "PORTAIL_MEMBERS_PASSPHRASE"

    static func checkOutsideContent(_ file: String, content: String) throws {
        let path = URL(fileURLWithPath: file).resolvingSymlinksInPath().standardizedFileURL.path
        let folder = URL(fileURLWithPath: content).resolvingSymlinksInPath().standardizedFileURL.path
        if path.hasPrefix(folder + "/") {
            throw ValidationError("--members-passphrase-file must not be inside the content folder '\(content)': the content is published and shared")
        }
    }

    static func read(file: String?, environment: [String: String]) throws -> String? {
        var passphrase: String
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                Console.error("portail: cannot read the members' passphrase file '\(file)'")
                throw ExitCode(64)
            }
            passphrase = text
            // Editors end files with a line break; it is not part of the passphrase.
            while let last = passphrase.last, last.isNewline { passphrase.removeLast() }
        } else if let value = environment[environmentVariable] {
            passphrase = value
        } else {
            return nil
        }
        guard !passphrase.isEmpty else {
            Console.error("portail: the members' passphrase is empty")
            throw ExitCode(64)
        }
        if passphrase.count < 12 {
            Console.error("portail: warning: the members' passphrase has fewer than 12 characters; anyone can try passphrases against the published files, so use a long one")
        }
        return passphrase
    }
}
