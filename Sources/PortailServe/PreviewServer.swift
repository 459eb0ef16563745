import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Serves the output folder on 127.0.0.1 for the preview: files with the media types of a
/// configured host, `index.html` for folders, the portal's `404.html`, no caching, and the
/// live-reload script added to every page.
public struct PreviewServer: Sendable {
    public let port: UInt16
    let root: URL
    let builder: PreviewBuilder

    public init(port: UInt16, builder: PreviewBuilder) {
        self.port = port
        self.builder = builder
        root = builder.output.standardizedFileURL
    }

    /// The port is taken, or cannot be opened.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Listens, then returns the task that serves until it is cancelled. Throws at once when
    /// the port cannot be opened (in use, or reserved).
    public func start() async throws -> Task<Void, Never> {
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled)
        await server.appendRoute(HTTPRoute("GET \(LiveReload.statusPath)")) { [builder] _ in
            let status = await builder.status
            let body = (try? JSONEncoder().encode(status)) ?? Data("{}".utf8)
            return HTTPResponse(statusCode: .ok, headers: Self.headers("application/json; charset=utf-8"), body: body)
        }
        await server.appendRoute(HTTPRoute("GET \(LiveReload.scriptPath)")) { _ in
            HTTPResponse(statusCode: .ok, headers: Self.headers("text/javascript; charset=utf-8"), body: Data(LiveReload.script.utf8))
        }
        await server.appendRoute("GET *") { [self] request in self.file(request.target) }
        await server.appendRoute("HEAD *") { [self] request in
            var response = self.file(request.target)
            response.payload = .httpBody(HTTPBodySequence(data: Data()))
            return response
        }

        let failure = Mutex<(any Error)?>(nil)
        let running = Task {
            do { try await server.run() } catch { failure.withLock { $0 = error } }
        }
        // Whichever comes first: the server listens, or it stops (the port is taken).
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = failure.withLock({ $0 }) {
                throw StartError(description: Self.explain(error, port: port))
            }
            guard ContinuousClock.now < deadline else {
                running.cancel()
                throw StartError(description: "127.0.0.1:\(port) did not start listening within 10 s")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        return Task {
            await withTaskCancellationHandler {
                _ = await running.result
            } onCancel: {
                running.cancel()
            }
        }
    }

    static func explain(_ error: any Error, port: UInt16) -> String {
        if case SocketError.failed(let type, let errno, _) = error {
            if errno == EADDRINUSE {
                return "port \(port) is already in use on 127.0.0.1 (another portail serve, or another server)"
            }
            if errno == EACCES {
                return "port \(port) cannot be opened without privileges"
            }
            return "cannot listen on 127.0.0.1:\(port): \(type) failed (\(String(cString: strerror(errno))))"
        }
        return "cannot listen on 127.0.0.1:\(port): \(error)"
    }

    static func headers(_ type: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers[.contentType] = type
        headers[HTTPHeader("Cache-Control")] = "no-store"
        headers[HTTPHeader("X-Content-Type-Options")] = "nosniff"
        return headers
    }

    /// The file for a request path: `/datasets/x/` is `datasets/x/index.html`. Paths that leave
    /// the output folder are not found.
    func file(_ target: HTTPRequest.Target) -> HTTPResponse {
        // The path as sent (FlyingFox's `request.path` drops a folder's trailing slash).
        let requestPath = target.path(percentEncoded: false)
        var path = requestPath
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) || path.contains("\0") {
            return notFound()
        }
        path = segments.joined(separator: "/")
        var url = path.isEmpty ? root : root.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            // A folder's address without its slash would break the page's relative links.
            if !requestPath.hasSuffix("/") {
                var headers = Self.headers("text/plain; charset=utf-8")
                let query = target.query()
                headers[.location] = target.path() + "/" + (query.isEmpty ? "" : "?" + query)
                return HTTPResponse(statusCode: .movedPermanently, headers: headers)
            }
            url.appendPathComponent("index.html")
            path = path.isEmpty ? "index.html" : path + "/index.html"
        }
        guard url.standardizedFileURL.path.hasPrefix(root.path + "/"),
              let data = try? Data(contentsOf: url) else { return notFound() }
        return response(path, data, status: .ok)
    }

    private func notFound() -> HTTPResponse {
        let page = root.appendingPathComponent("404.html")
        guard let data = try? Data(contentsOf: page) else {
            return HTTPResponse(statusCode: .notFound, headers: Self.headers("text/plain; charset=utf-8"), body: Data("Not found\n".utf8))
        }
        return response("404.html", data, status: .notFound)
    }

    private func response(_ path: String, _ data: Data, status: HTTPStatusCode) -> HTTPResponse {
        let type = ContentTypes.type(ofPath: path)
        let body = type.hasPrefix("text/html") ? LiveReload.inject(into: data) : data
        return HTTPResponse(statusCode: status, headers: Self.headers(type), body: body)
    }
}
