extension Jurisdiction {
    /// The jurisdiction's own routing rules, when it carries them: a ``ServiceCenter`` routes with
    /// them unless its configuration names another router.
    public var routingRules: RoutingRuleSet? { ownRules?.routing }

    /// The jurisdiction's own service levels, when it carries them: a ``ServiceCenter`` sets due
    /// dates and escalates with them unless its configuration names another policy.
    public var serviceLevels: ServiceLevelEngine? { ownRules?.serviceLevels }

    /// This jurisdiction carrying `routingRules` and `serviceLevels` as its own (`nil` carries
    /// none), so that every center opened on it uses them by default.
    ///
    /// Build the rules against this jurisdiction first (``RoutingRuleSet/init(json:jurisdiction:districts:calendars:)``,
    /// ``ServiceLevelEngine/init(json:jurisdiction:)``); they are checked again here, so rules
    /// written for another catalog are refused rather than carried.
    ///
    /// - Throws: ``ConfigurationError`` listing every reference the rules make that this catalog
    ///   lacks, at paths under `$.routingRules` and `$.serviceLevels` (for example
    ///   `$.routingRules.rules[3].then`).
    public func adopting(
        routingRules: RoutingRuleSet?,
        serviceLevels: ServiceLevelEngine?
    ) throws(ConfigurationError) -> Jurisdiction {
        var issues: [ConfigurationIssue] = []
        var checkedRouting: RoutingRuleSet?
        var checkedServiceLevels: ServiceLevelEngine?
        if let routingRules {
            do {
                checkedRouting = try routingRules.checked(against: catalog)
            } catch {
                issues += error.issues.map { $0.moved(under: "routingRules") }
            }
        }
        if let serviceLevels {
            do {
                checkedServiceLevels = try serviceLevels.checked(against: catalog)
            } catch {
                issues += error.issues.map { $0.moved(under: "serviceLevels") }
            }
        }
        guard issues.isEmpty else { throw ConfigurationError(.invalidDocument, issues: issues) }
        var adopted = self
        adopted.ownRules =
            checkedRouting == nil && checkedServiceLevels == nil
            ? nil : OwnRules(routing: checkedRouting, serviceLevels: checkedServiceLevels)
        return adopted
    }

    /// The catalog alone, without rules: what rule sets are checked and compiled against.
    private var catalog: Jurisdiction {
        var catalog = self
        catalog.ownRules = nil
        return catalog
    }

    /// Rules held by reference: a rule set keeps the catalog it was compiled against, so a
    /// jurisdiction cannot hold it by value.
    final class OwnRules: Sendable {
        let routing: RoutingRuleSet?
        let serviceLevels: ServiceLevelEngine?

        init(routing: RoutingRuleSet?, serviceLevels: ServiceLevelEngine?) {
            self.routing = routing
            self.serviceLevels = serviceLevels
        }
    }
}

extension ConfigurationIssue {
    /// The same issue with its path under `key` of an enclosing document: `$.rules[3]` becomes
    /// `$.routingRules.rules[3]`.
    func moved(under key: String) -> ConfigurationIssue {
        let rest = path.hasPrefix("$") ? path.dropFirst() : Substring("." + path)
        return ConfigurationIssue(path: "$.\(key)\(rest)", reason: reason)
    }
}
