/// Everything the data package yields once read and checked: the package, every table, the
/// village registry and the indicators.
public struct ProgramData: Sendable {
    /// The descriptor.
    public let package: DataPackage
    /// The village registry.
    public let registry: Registry
    /// The indicators, when the package has a table with `"role": "indikator"`.
    public let indicators: DataIndikator?
    /// Every resource read and checked, in package order.
    public let tables: [Table]

    /// Reads a package from its descriptor's text and its resources' texts (by resource path):
    /// every table against its schema, foreign keys across tables, then the registry and the
    /// indicators. `display` names a resource path in diagnostics (`content/data/desa.json`).
    /// Nil when anything is wrong; every problem is in `diagnostics`.
    public static func read(descriptor text: String, file: String, resources: [String: String], display: (String) -> String,
                            diagnostics: inout Diagnostics) -> ProgramData? {
        guard let package = DataPackage.decode(text, file: file, diagnostics: &diagnostics) else { return nil }
        var tables: [Table] = []
        var incomplete = Set<String>()
        for resource in package.resources {
            guard let data = resources[resource.path] else {
                diagnostics.error(file, resource.position, "berkas data \"\(resource.path)\" dari resource \"\(resource.name)\" tidak ada di content/data/")
                incomplete.insert(resource.name)
                continue
            }
            let (table, complete) = Table.read(data, resource: resource, file: display(resource.path), diagnostics: &diagnostics)
            tables.append(table)
            if !complete { incomplete.insert(resource.name) }
        }
        // Checks across tables run on the rows that passed, so one run reports every problem.
        Table.checkForeignKeys(tables, incomplete: incomplete, diagnostics: &diagnostics)
        guard let registryTable = tables.first(where: { $0.resource.role == .registri }) else {
            diagnostics.error(file, .start, "paket data tidak punya registri desa", hint: "tandai resource registri desa dengan \"role\": \"registri\"")
            return nil
        }
        guard let registry = Registry.decode(registryTable, descriptor: file, diagnostics: &diagnostics) else { return nil }
        var indicators: DataIndikator?
        // Indicators are checked against the registry: only a complete one, or every village
        // whose row failed would be reported again.
        if let table = tables.first(where: { $0.resource.role == .indikator }), !incomplete.contains(registryTable.resource.name) {
            indicators = DataIndikator.decode(table, descriptor: file, registry: registry, diagnostics: &diagnostics)
            if indicators == nil { return nil }
        }
        guard !diagnostics.hasErrors else { return nil }
        return ProgramData(package: package, registry: registry, indicators: indicators, tables: tables)
    }
}
