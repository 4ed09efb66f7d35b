/// mltutor's version, defined here and nowhere else: `mltutor --version` prints it, and the
/// manual page and the Debian package take it from that output.
enum Version {
  static let current = "0.12.0"
}
