extension RoutingProgram {
    /// Compiles one condition, checking what it refers to and writing its explanation lines.
    struct Compiler {
        let jurisdiction: Jurisdiction
        let typeIndex: [ServiceTypeCode: Int]
        let groupIndex: [String: Int]
        let districts: DistrictMap?
        let calendars: [String: BusinessCalendar]
        let rule: RoutingRule
        let path: String
        let log: ConfigurationIssueLog

        /// The test, the words for "it holds" and the words for "it failed"; `nil` after logging a
        /// problem.
        func compile(_ condition: RoutingCondition, into program: inout Code) -> (Test, String, String)? {
            switch condition {
            case .serviceTypes(let codes):
                guard nonEmpty(codes) else { return nil }
                var members: [Int] = []
                for code in codes.sorted() {
                    guard let index = typeIndex[code] else {
                        log.add(path, "unknown service type '\(code)'")
                        return nil
                    }
                    members.append(index)
                }
                let list = codes.map(\.rawValue).sorted().joined(separator: ", ")
                let test = program.bitSetTest(.serviceTypes, members, capacity: jurisdiction.serviceTypes.count)
                return (test, "service type is one of \(list)", "service type is not one of \(list)")
            case .groups(let groups):
                guard nonEmpty(groups) else { return nil }
                var members: [Int] = []
                for group in groups.sorted() {
                    guard let index = groupIndex[group] else {
                        log.add(path, "no service type is in group '\(group)'")
                        return nil
                    }
                    members.append(index)
                }
                let list = groups.sorted().joined(separator: ", ")
                let test = program.bitSetTest(.groups, members, capacity: groupIndex.count)
                return (test, "group is one of \(list)", "group is not one of \(list)")
            case .inDistrict(let ids), .notInDistrict(let ids):
                guard nonEmpty(ids), let members = districtPositions(ids), let districts else { return nil }
                let names = districtNames(ids)
                if case .inDistrict = condition {
                    let test = program.bitSetTest(.inDistrict, members, capacity: districts.districts.count)
                    return (
                        test, "the location is in \(names)", "the location is not in \(names) (or has no coordinate)"
                    )
                }
                let test = program.bitSetTest(.notInDistrict, members, capacity: districts.districts.count)
                return (test, "the location is not in \(names)", "the location is in \(names)")
            case .during(let name), .outsideHoursOf(let name):
                guard let calendar = calendars[name] else {
                    log.add(path, "unknown calendar '\(name)'")
                    return nil
                }
                if case .during = condition {
                    return (
                        program.calendarTest(.during, calendar), "received during '\(name)'",
                        "not received during '\(name)'"
                    )
                }
                return (
                    program.calendarTest(.outsideHoursOf, calendar), "received outside the hours of '\(name)'",
                    "received during the hours of '\(name)'"
                )
            case .channels(let channels):
                guard nonEmpty(channels) else { return nil }
                let list = channels.map(\.rawValue).sorted().joined(separator: ", ")
                return (
                    Test(kind: .channels, offset: RoutingProgram.channelMask(channels), count: 0),
                    "channel is one of \(list)", "channel is not one of \(list)"
                )
            case .answer(let question, let value):
                guard checkAnswer(question, value) else { return nil }
                let shown = Self.show(value)
                return (program.answerTest(question, value), "\(question) = \(shown)", "\(question) is not \(shown)")
            case .keywords(let words):
                guard !words.isEmpty, !words.contains(where: \.isBlank) else {
                    log.add(path, "keywords must be a non-empty list of non-empty words")
                    return nil
                }
                let lowered = words.map { $0.lowercased() }
                let list = lowered.map { "'\($0)'" }.joined(separator: ", ")
                return (
                    program.keywordTest(lowered), "the description mentions \(list)",
                    "the description mentions none of \(list)"
                )
            }
        }

        private func nonEmpty<Element>(_ set: Set<Element>) -> Bool {
            if set.isEmpty { log.add(path, "the list must not be empty") }
            return !set.isEmpty
        }

        private func districtPositions(_ ids: Set<String>) -> [Int]? {
            guard let districts else {
                log.add(path, "district conditions need a district map")
                return nil
            }
            var members: [Int] = []
            var complete = true
            for id in ids.sorted() {
                if let position = districts.position(of: id) {
                    members.append(position)
                } else {
                    log.add(path, "unknown district '\(id)'")
                    complete = false
                }
            }
            return complete ? members : nil
        }

        private func districtNames(_ ids: Set<String>) -> String {
            ids.sorted().map { id in
                districts?.position(of: id).flatMap { districts?.districts[$0].name } ?? id
            }.joined(separator: " or ")
        }

        /// The question must exist (in the rule's service types when it names them) and the value
        /// must be a valid answer to it.
        private func checkAnswer(_ code: QuestionCode, _ value: AnswerValue) -> Bool {
            var scope = jurisdiction.serviceTypes
            for case .serviceTypes(let codes) in rule.conditions {
                scope = scope.filter { codes.contains($0.id) }
            }
            let questions = scope.compactMap { $0.question(code) }
            guard let question = questions.first else {
                log.add(path, "no service type the rule can match asks question '\(code)'")
                return false
            }
            // A multiple-choice question is tested one chosen value at a time.
            let probe: AnswerValue
            if question.kind == .multipleChoice, case .choice(let single) = value {
                probe = .choices([single])
            } else {
                probe = value
            }
            do {
                try question.validate(probe, field: path)
                return true
            } catch {
                log.add(path, error.reason)
                return false
            }
        }

        static func show(_ value: AnswerValue) -> String {
            switch value {
            case .text(let text): "'\(text)'"
            case .number(let number): "\(number)"
            case .dateTime(let date): date.messageText
            case .choice(let choice): "'\(choice)'"
            case .choices(let choices): choices.map { "'\($0)'" }.joined(separator: " + ")
            case .yesNo(let flag): flag ? "yes" : "no"
            }
        }
    }
}
