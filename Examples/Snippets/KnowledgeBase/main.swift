// docs: begin knowledge-search
import Civic311
import Civic311SampleCounty

let county = Jurisdiction.sampleCounty
// A word form ("mattresses") and a typo ("colection") still find their articles.
for match in county.knowledgeBase.search("old mattresses, trash colection", for: .public, limit: 3) {
    print(match.article.title, match.score)
    for reason in match.reasons { print("  ", reason) }
}
// docs: end

// docs: begin knowledge-lookup
// The call-taker's one call: articles, service types to offer, and whether to transfer.
let lookup = county.lookUp("pothole on the interstate", for: .internal)
if let transfer = lookup.transfer {
    print(transfer)  // transfer to State Highway Administration at (555) 010-3001 (STATE_ROAD)
}
for offer in lookup.offers {
    print(offer.serviceType.name, offer.answer?.title ?? "no bound answer")
}
// docs: end

// docs: begin knowledge-reports
// Articles past their review day, as of a day you pass in (never the clock).
let today = try LocalDate(parsing: "2026-12-06")
for article in county.knowledgeBase.articlesPastReview(asOf: today) {
    print("review:", article.id, article.reviewBy?.description ?? "")
}
// Usage: general-information contacts cite the article that answered them.
let center = try await ServiceCenter(jurisdiction: county, store: .inMemory, configuration: .init(node: 1))
let agent = Participant.callTaker("maria")
try await center.record(ContactDraft(.information(article: "KB-BULK"), channel: .phone), by: agent)
let contacts = try await center.store.contacts(matching: ContactQuery(), page: PageRequest(limit: 100))
let usage = county.knowledgeBase.usage(in: contacts.items)
print("KB-BULK answered", usage.contacts(citing: "KB-BULK"), "contact(s)")
// docs: end
