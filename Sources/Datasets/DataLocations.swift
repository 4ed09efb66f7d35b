/// Where data sets live on this machine.
public struct DataLocations: Sendable, Equatable {
  /// The folder of the data that ships with mltutor (`Lessons/data`).
  public var embedded: String
  /// mltutor's folder in the user's data directory: `$XDG_DATA_HOME/mltutor`, or
  /// `~/.local/share/mltutor` when `XDG_DATA_HOME` is unset or not absolute.
  public var userData: String
  /// Debian's `dataset-fashion-mnist` files.
  public var fashion: String

  public init(
    embedded: String, userData: String, fashion: String = "/usr/share/datasets/fashion-mnist"
  ) {
    self.embedded = embedded
    self.userData = userData
    self.fashion = fashion
  }

  /// The user data folder the XDG Base Directory rules give for `environment`.
  public static func userDataDirectory(environment: [String: String]) -> String {
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      return xdg + "/mltutor"
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    return home + "/.local/share/mltutor"
  }

  /// Where the full MNIST files go once fetched.
  public var mnist: String { userData + "/mnist" }
}
