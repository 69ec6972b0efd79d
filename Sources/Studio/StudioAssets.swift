/// The studio's own script and style, compiled into the generator from `Assets/` so the studio
/// works offline, from any folder, with no build step of its own.
enum StudioAssets {
    static let script = String(decoding: PackageResources.studio_js, as: UTF8.self)
    static let style = String(decoding: PackageResources.studio_css, as: UTF8.self)
}
