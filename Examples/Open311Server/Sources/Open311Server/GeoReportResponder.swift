import Civic311Open311
import HTTPTypes
import Hummingbird
import NIOCore

/// Mounts a ``GeoReportServer`` in Hummingbird: every request goes to the handler, whose status,
/// content type and body become the response. Nothing here knows GeoReport; the handler does.
struct GeoReportResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let server: GeoReportServer
    /// Bodies are read up to one byte past the handler's limit, so it can refuse a larger one
    /// without the whole of it being held in memory.
    let maximumBodyBytes: Int

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var body: [UInt8] = []
        for try await buffer in request.body {
            body.append(contentsOf: buffer.readableBytesView.prefix(maximumBodyBytes + 1 - body.count))
            if body.count > maximumBodyBytes { break }
        }
        var target = request.uri.path
        if let query = request.uri.query { target += "?" + query }
        let headers = request.headers.map { GeoReportHTTPField(name: $0.name.rawName, value: $0.value) }
        let answer: GeoReportHTTPResponse
        do {
            let handlerRequest = try GeoReportHTTPRequest(
                method: request.method.rawValue,
                target: target,
                headers: headers,
                body: body
            )
            answer = await server.respond(to: handlerRequest)
        } catch {
            // A query that is not form-encoded text: the specification's 400, in its required format.
            let document = GeoReportErrorDocument(status: 400, description: error.message)
            answer = GeoReportHTTPResponse(
                status: 400,
                contentType: GeoReportFormat.xml.contentType,
                body: document.encoded(format: .xml)
            )
        }
        var fields = HTTPFields()
        fields[.contentType] = answer.contentType
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { fields[name] = header.value }
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        )
    }
}
