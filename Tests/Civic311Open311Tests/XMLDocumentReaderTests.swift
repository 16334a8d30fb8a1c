import Testing

@testable import Civic311Open311

/// The module's own XML reader: what it reads, in each encoding, and what it refuses, with where.
@Suite struct XMLDocumentReaderTests {
    private func parse(_ bytes: [UInt8]) throws(GeoReportDecodingError) -> XMLElementNode {
        try bytes.withUnsafeBufferPointer { buffer throws(GeoReportDecodingError) in
            try XMLElementNode.parse(buffer)
        }
    }

    private func parse(_ document: String) throws(GeoReportDecodingError) -> XMLElementNode {
        try parse(Array(document.utf8))
    }

    private func refusal(_ document: String) -> String? {
        refusal(Array(document.utf8))
    }

    private func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try parse(bytes)
            return nil
        } catch {
            #expect(error.code == .malformedDocument)
            #expect(error.path.isEmpty)
            return error.reason
        }
    }

    @Test func readsElementsTextReferencesAndCDATA() throws {
        let root = try parse(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- a comment before the root -->
            <?stylesheet href="x"?>
            <!DOCTYPE services SYSTEM "http://example.org/never-fetched.dtd">
            <o:services xmlns:o="urn:x" id='1'>
              <service kind="a &amp; b"><name>Fish &amp; Chips &lt;&gt;&quot;&apos; &#233;&#x20AC;</name></service>
              <service><name><![CDATA[<b>raw</b> & ]]>tail</name><empty/></service>
              <!-- between --><?pi?>
            </o:services>
            <!-- after the root -->
            """
        )
        #expect(root.name == "services")
        #expect(root.children.map(\.name) == ["service", "service"])
        #expect(root.children[0].children[0].text == "Fish & Chips <>\"' \u{E9}\u{20AC}")
        #expect(root.children[1].children[0].text == "<b>raw</b> & tail")
        #expect(root.children[1].children[1].name == "empty")
        #expect(root.children[1].children[1].text.isEmpty)
    }

    /// The `open311-xml` fuzz target found FoundationXML trapping on this one (a processing
    /// instruction without data hands its callback a null pointer). The module's reader refuses
    /// the document for what it is: an XML declaration that is not one, in the wrong place.
    @Test func theProcessingInstructionThatCrashedFoundationXMLIsRefused() throws {
        let crasher = #"<?xm?><errors><error utf-8"?><errors><error><</or</megs="#
        #expect(refusal(crasher) != nil)
        let root = try parse("<?xm?><errors><error><code>1</code><?x?></error></errors>")
        #expect(root.children.first?.children.first?.text == "1")
        // Read as an error reply (which reads anything), it is markup without text.
        let reply = GeoReportErrorDocument(decoding: Array(crasher.utf8), format: .xml)
        #expect(reply.entries.allSatisfy { !$0.description.contains("<") })
    }

    @Test func lineBreaksAreNormalised() throws {
        let root = try parse("<a>one\r\ntwo\rthree<![CDATA[\r\n]]></a>")
        #expect(root.text == "one\ntwo\nthree\n")
    }

    @Test(arguments: [
        ("<a><b></a>", "</a> closes <b>"),
        ("<a>x", "the document ends before </a> closes it"),
        ("<a></a><b/>", "content after the root element"),
        ("<a>&nbsp;</a>", "'&nbsp;' is neither a predefined entity"),
        ("<a>&#0;</a>", "'&#0;' is neither"),
        ("<a>&#xD800;</a>", "'&#xD800;' is neither"),
        ("<a>&#99999999999;</a>", "'&' that starts no reference"),
        ("<a>fish & chips</a>", "'&' that starts no reference"),
        ("<a>x ]]> y</a>", "']]>' in character data"),
        ("<a><!-- a -- b --></a>", "'--' inside a comment"),
        ("<a><!-- open</a>", "a comment that is not closed"),
        ("<a><![CDATA[open</a>", "a CDATA section that is not closed"),
        ("<a><?xml version='1.0'?></a>", "an XML declaration anywhere but at the start"),
        ("<a><?pi</a>", "expected whitespace or '?>' after the processing instruction's target"),
        ("<a><?pi x</a>", "the processing instruction pi is not closed"),
        ("<a b='1' b='2'/>", "the attribute b appears twice in <a>"),
        ("<a b='<'/>", "'<' inside the value of b"),
        ("<a b=1/>", "a quoted value for the attribute b"),
        ("<a b='1'c='2'/>", "expected whitespace, '>' or '/>'"),
        ("<a><!ELEMENT a ANY></a>", "a declaration inside an element"),
        ("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>", "an internal subset (GeoReport needs none)"),
        ("<!DOCTYPE a", "a document type declaration that is not closed"),
        ("<1a/>", "expected a name"),
        ("<?xml version='1.0'?>", "the document has no root element"),
    ])
    func malformedDocumentsAreRefusedWithWhy(document: String, reason: String) {
        let refused = refusal(document)
        #expect(refused?.contains(reason) == true, "\(document): \(refused ?? "read")")
        #expect(refused?.contains("line 1, column") == true, "\(document): \(refused ?? "read")")
    }

    @Test func theRefusalSaysWhereOnWhichLine() {
        #expect(refusal("<a>\n  <b>\n  </c>\n</a>") == "</c> closes <b> (line 3, column 3)")
    }

    @Test func depthIsBounded() {
        let deep = String(repeating: "<a>", count: XMLElementNode.maximumDepth + 1)
        #expect(refusal(deep)?.contains("nested more than 200 levels deep") == true)
        let allowed =
            String(repeating: "<a>", count: XMLElementNode.maximumDepth)
            + String(repeating: "</a>", count: XMLElementNode.maximumDepth)
        #expect(refusal(allowed) == nil)
    }

    @Test func charactersXMLDoesNotAllowAreRefused() {
        #expect(refusal("<a>\u{01}</a>")?.contains("U+1, a character XML does not allow") == true)
        #expect(refusal("<a>\n\u{FFFE}</a>")?.contains("line 2 holds U+FFFE") == true)
    }

    @Test func readsEachEncodingItNames() throws {
        let name = "Caf\u{E9} \u{20AC}"
        // UTF-16 either way round, with its byte-order mark.
        let units = Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?><name>\(name)</name>".utf16)
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let little: [UInt8] =
            [0xFF, 0xFE] + units.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try parse(big).text == name)
        #expect(try parse(little).text == name)
        #expect(refusal(Array(big.dropLast())) == "a UTF-16 document with an odd number of bytes")
        // Single-byte encodings: 0xA4 is the euro sign only in ISO-8859-15, 0x80 only in
        // windows-1252.
        func document(_ encoding: String, _ text: [UInt8]) -> [UInt8] {
            Array("<?xml version=\"1.0\" encoding=\"\(encoding)\"?><name>".utf8) + text + Array("</name>".utf8)
        }
        #expect(try parse(document("ISO-8859-15", [0x43, 0xE9, 0xA4])).text == "C\u{E9}\u{20AC}")
        #expect(try parse(document("latin1", [0x43, 0xE9, 0xA4])).text == "C\u{E9}\u{A4}")
        #expect(try parse(document("windows-1252", [0x80, 0x93, 0x81])).text == "\u{20AC}\u{201C}\u{FFFD}")
        // A UTF-8 byte-order mark and a status line before the document are skipped.
        #expect(try parse([0xEF, 0xBB, 0xBF] + Array("HTTP/1.1 200 OK\r\n<name>x</name>".utf8)).text == "x")
        #expect(refusal(document("EBCDIC-US", [0x43]))?.contains("declares the encoding 'EBCDIC-US'") == true)
        #expect(refusal(Array("<name>".utf8) + [0xE9] + Array("</name>".utf8))?.contains("not UTF-8") == true)
        #expect(refusal("no markup at all") == "no XML element in the document")
    }
}
