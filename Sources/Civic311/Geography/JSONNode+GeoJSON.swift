/// GeoJSON (RFC 7946) reading for districts, on the configuration walker so that every problem is
/// reported with its JSON path and nothing is built from a document with problems.
///
/// What is accepted, and why:
/// - Geometry: `Polygon` and `MultiPolygon` only. Other geometry types are reported as
///   unsupported; a road owned by another authority should be drawn as a corridor polygon.
/// - Positions: `[longitude, latitude]` in degrees, optionally with a third number (altitude,
///   ignored), as the RFC allows. More elements, non-numbers and out-of-range values are reported.
/// - Rings: see ``LinearRing`` (closed, at least four positions, some area, at most 180° of
///   longitude); holes must lie inside their exterior (see ``Polygon``).
/// - GeoJSON's own optional members are allowed where the format puts them: `bbox` (checked to be
///   4 or 6 numbers, then ignored: the index computes its own) and the pre-RFC `crs`, but only when
///   it names WGS 84 longitude/latitude, since any other system would silently misplace every
///   district. A FeatureCollection may carry `name` (GDAL and QGIS write the layer name there), and a
///   Feature its own `id`. Any other key is reported as unknown: a misspelt key is a mistake.
/// - Feature `properties` hold `id` (required; a string or a whole number), `name` and `kind`
///   (optional), and nothing else, so that `"Name"` or `"kinds"` cannot be ignored silently. The
///   district id may come from the Feature's own `id` instead; when both are given they must agree.
extension JSONNode {
    /// Reads a FeatureCollection of districts, reporting duplicate ids.
    package func geoJSONDistricts(limits: DistrictMap.Limits) -> [District]? {
        guard acceptsLimits(limits) else { return nil }
        guard expectObject(), hasGeoJSONType(["FeatureCollection"]) else { return nil }
        rejectUnknownKeys(["type", "features", "bbox", "crs", "name"])
        checkGeoJSONMembers()
        if let name = member("name", required: false) { _ = name.stringValue }
        guard let features = array("features") else { return nil }
        var districts: [District] = []
        var complete = true
        var idPaths: [String: String] = [:]
        for feature in features {
            let (district, id) = feature.readFeature(limits: limits)
            if let id {
                if let earlier = idPaths[id.text] {
                    log.add(id.path, "duplicate district id \"\(id.text)\": also used at \(earlier)")
                } else {
                    idPaths[id.text] = id.path
                }
            }
            if let district { districts.append(district) } else { complete = false }
        }
        guard complete, checkTotals(of: districts.flatMap(\.geometry.polygons), limits: limits) else { return nil }
        return districts
    }

    /// Reads one Feature as a district.
    package func geoJSONDistrict(limits: DistrictMap.Limits) -> District? {
        guard acceptsLimits(limits) else { return nil }
        guard let district = readFeature(limits: limits).district,
            checkTotals(of: district.geometry.polygons, limits: limits)
        else { return nil }
        return district
    }

    /// Reads a bare Polygon or MultiPolygon geometry.
    package func geoJSONPolygonal(limits: DistrictMap.Limits) -> MultiPolygon? {
        guard acceptsLimits(limits) else { return nil }
        guard expectObject(), let typeNode = member("type"), let type = typeNode.stringValue else { return nil }
        switch type {
        case "Polygon", "MultiPolygon":
            break
        case "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection":
            typeNode.issue(
                "unsupported geometry type \"\(type)\": a district must be a Polygon or MultiPolygon "
                    + "(draw a road as a corridor polygon)"
            )
            return nil
        default:
            typeNode.issue("expected a geometry type \"Polygon\" or \"MultiPolygon\", found \"\(type)\"")
            return nil
        }
        rejectUnknownKeys(["type", "coordinates", "bbox", "crs"])
        checkGeoJSONMembers()
        guard let coordinates = member("coordinates") else { return nil }
        if type == "Polygon" {
            return coordinates.readPolygon(limits: limits).map { MultiPolygon($0) }
        }
        guard let members = coordinates.arrayValue else { return nil }
        guard !members.isEmpty else {
            coordinates.issue("a multipolygon needs at least one polygon")
            return nil
        }
        let polygons = members.map { $0.readPolygon(limits: limits) }
        let valid = polygons.compactMap { $0 }
        guard valid.count == polygons.count, checkTotals(of: valid, limits: limits) else { return nil }
        return MultiPolygon(validated: valid)
    }

    // MARK: Features

    private func readFeature(limits: DistrictMap.Limits) -> (district: District?, id: (text: String, path: String)?) {
        guard expectObject(), hasGeoJSONType(["Feature"]) else { return (nil, nil) }
        rejectUnknownKeys(["type", "geometry", "properties", "id", "bbox", "crs"])
        checkGeoJSONMembers()
        let featureID = member("id", required: false).flatMap { $0.districtID() }
        var propertyID: String?
        var name: String?
        var kind: DistrictKind?
        var propertiesValid = true
        let properties = member("properties", required: false)
        if let properties {
            if properties.expectObject() {
                properties.rejectUnknownKeys(["id", "name", "kind"])
                propertyID = properties.member("id", required: false).flatMap { $0.districtID() }
                if let nameNode = properties.member("name", required: false) {
                    name = nameNode.nonEmptyStringValue
                    propertiesValid = propertiesValid && name != nil
                }
                if let kindNode = properties.member("kind", required: false) {
                    kind = kindNode.districtKind()
                    propertiesValid = propertiesValid && kind != nil
                }
            } else {
                propertiesValid = false
            }
        }
        let idPath = properties?.childPath("id") ?? "\(childPath("properties")).id"
        var id: (text: String, path: String)?
        switch (propertyID, featureID) {
        case (let property?, let feature?) where property != feature:
            log.add(idPath, "\"\(property)\" differs from the feature's \"id\" \"\(feature)\"")
        case (let property?, _):
            id = (property, idPath)
        case (nil, let feature?):
            id = (feature, childPath("id"))
        case (nil, nil):
            if properties?.has("id") != true && !has("id") {
                log.add(idPath, "required value is missing (a district needs an id)")
            }
        }
        let geometry = member("geometry")?.geoJSONPolygonal(limits: limits)
        guard let id, let geometry, propertiesValid else { return (nil, id) }
        return (District(validatedID: id.text, name: name, kind: kind, geometry: geometry), id)
    }

    /// A district id: a non-empty string, or a whole number written as its decimal digits.
    private func districtID() -> String? {
        switch value {
        case .string:
            return nonEmptyStringValue
        case .number(let number) where number.isFinite && number.rounded() == number && abs(number) < 9e15:
            return String(Int(number))
        case .number(let number):
            issue("expected a string or a whole number, found \(number)")
            return nil
        default:
            issue("expected a string or a whole number, found \(value.typeName)")
            return nil
        }
    }

    private func districtKind() -> DistrictKind? {
        guard let text = stringValue else { return nil }
        if let problem = DistrictKind.problem(with: text) {
            issue(problem)
            return nil
        }
        return try? DistrictKind(text)
    }

    // MARK: GeoJSON members

    /// Checks `type` against the expected values; logs and returns false on a mismatch.
    private func hasGeoJSONType(_ expected: [String]) -> Bool {
        guard let typeNode = member("type"), let type = typeNode.stringValue else { return false }
        guard expected.contains(type) else {
            let wanted = expected.map { "\"\($0)\"" }.joined(separator: " or ")
            typeNode.issue("expected \(wanted), found \"\(type)\"")
            return false
        }
        return true
    }

    /// Names GeoJSON 2008 files used for WGS 84. EPSG:4326 is formally latitude-first, but GeoJSON
    /// producers wrote it with longitude-first positions, so it is read as such.
    private static let longitudeLatitudeSystems: Set<String> = [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326",
    ]

    /// Checks the optional `bbox` and `crs` members of this object.
    private func checkGeoJSONMembers() {
        if let bbox = member("bbox", required: false), let numbers = bbox.arrayValue {
            if numbers.count != 4 && numbers.count != 6 {
                bbox.issue("a bounding box has 4 or 6 numbers, found \(numbers.count)")
            }
            for number in numbers { _ = number.doubleValue }
        }
        guard let crs = member("crs", required: false), crs.expectObject() else { return }
        crs.rejectUnknownKeys(["type", "properties"])
        guard let type = crs.string("type") else { return }
        guard type == "name" else {
            crs.issue(at: "type", "unsupported crs type \"\(type)\"; positions must be WGS 84 longitude/latitude")
            return
        }
        guard let properties = crs.member("properties"), properties.expectObject() else { return }
        properties.rejectUnknownKeys(["name"])
        guard let name = properties.string("name") else { return }
        if !Self.longitudeLatitudeSystems.contains(name) {
            properties.issue(
                at: "name",
                "coordinate reference system \"\(name)\" is not supported; positions must be WGS 84 "
                    + "longitude/latitude (urn:ogc:def:crs:OGC:1.3:CRS84)"
            )
        }
    }

    // MARK: Coordinates

    /// This node as a Polygon's coordinates: an array of rings, exterior first.
    ///
    /// Ring and position counts are checked against `limits` before any ring is read.
    private func readPolygon(limits: DistrictMap.Limits) -> Polygon? {
        guard let ringNodes = arrayValue else { return nil }
        guard !ringNodes.isEmpty else {
            issue("a polygon needs an exterior ring")
            return nil
        }
        let counts = ringNodes.map { node in
            if case .array(let positions) = node.value { positions.count } else { 0 }
        }
        if let problem = limits.polygonProblem(ringVertices: counts) {
            (problem.ring.map { ringNodes[$0] } ?? self).issue(problem.reason)
            return nil
        }
        let rings = ringNodes.map { $0.readRing() }
        let valid = rings.compactMap { $0 }
        guard valid.count == rings.count else { return nil }
        var work = 0
        let problems = Polygon.ringProblems(
            exterior: valid[0],
            holes: Array(valid.dropFirst()),
            limits: limits,
            work: &work
        )
        for problem in problems { ringNodes[problem.ring].issue(problem.reason) }
        return problems.isEmpty ? Polygon(validatedExterior: valid[0], holes: Array(valid.dropFirst())) : nil
    }

    /// Logs at this node when `limits` cannot be used.
    private func acceptsLimits(_ limits: DistrictMap.Limits) -> Bool {
        guard let problem = limits.problem else { return true }
        issue(problem)
        return false
    }

    /// Logs at this node when the map's ring or position totals are over `limits`.
    private func checkTotals(of polygons: [Polygon], limits: DistrictMap.Limits) -> Bool {
        var rings = 0
        var vertices = 0
        for polygon in polygons {
            rings += 1 + polygon.holes.count
            vertices += polygon.exterior.positions.count + polygon.holes.reduce(0) { $0 + $1.positions.count }
        }
        guard let problem = limits.mapProblem(rings: rings, vertices: vertices) else { return true }
        issue(problem)
        return false
    }

    private func readRing() -> LinearRing? {
        guard let positionNodes = arrayValue else { return nil }
        let positions = positionNodes.map { $0.readPosition() }
        let valid = positions.compactMap { $0 }
        guard valid.count == positions.count else {
            // The count is known even when some positions are bad; the rest needs them all.
            if positions.count < 4 { issue("a linear ring needs at least 4 positions, found \(positions.count)") }
            return nil
        }
        let problems = LinearRing.problems(in: valid)
        for problem in problems { issue(problem) }
        return problems.isEmpty ? LinearRing(validated: valid) : nil
    }

    private func readPosition() -> Coordinate? {
        guard let elements = arrayValue else { return nil }
        guard elements.count == 2 || elements.count == 3 else {
            issue(
                "a position must be [longitude, latitude] or [longitude, latitude, altitude], "
                    + "found an array of \(elements.count)"
            )
            return nil
        }
        let longitude = elements[0].doubleValue
        let latitude = elements[1].doubleValue
        let altitudeValid = elements.count < 3 || elements[2].doubleValue != nil
        var inRange = true
        if let longitude, !(-180.0...180.0).contains(longitude) {
            elements[0].issue("longitude must be between -180 and 180 degrees, got \(longitude)")
            inRange = false
        }
        if let latitude, !(-90.0...90.0).contains(latitude) {
            elements[1].issue("latitude must be between -90 and 90 degrees, got \(latitude)")
            inRange = false
        }
        guard let longitude, let latitude, altitudeValid, inRange else { return nil }
        return Coordinate(uncheckedLatitude: latitude, longitude: longitude)
    }
}
