import Datasets
import Engine

extension PyTorchExport {
  /// `load_data(...)`: the four tensors of the experiment's data.
  static func dataCode(_ d: Dataset, files: (folder: String, names: [String])?) -> String {
    if let files {
      let names = files.names.map { "\"\($0)\"" }.joined(separator: ", ")
      return """
        # Where mltutor read the data; --data DIR or $MLTUTOR_DATA gives another folder.
        DATA_DIR = \(pythonString(files.folder))
        DATA_FILES = [\(names)]


        def read_idx(path):
            with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


        def load_data(folder):
            paths = [os.path.join(folder, name) for name in DATA_FILES]
            for path in paths:
                if not os.path.isfile(path):
                    sys.exit(f"error: cannot find {path}: give the folder of the data with --data DIR or MLTUTOR_DATA")
            images = [torch.tensor(read_idx(p).reshape(-1, \(d.featureCount)) / 255.0, dtype=torch.float32) for p in paths[0::2]]
            labels = [torch.tensor(read_idx(p), dtype=torch.long) for p in paths[1::2]]
            return images[0], labels[0], images[1], labels[1]



        """
    }
    func block(_ name: String, _ e: Examples) -> String {
      let x = e.features(0..<e.count).values
      var code = "    x_\(name) = torch.tensor(\(floats(x)), dtype=torch.float32).reshape(-1, \(d.featureCount))\n"
      switch e.labels {
      case .classes(let labels, _):
        code += "    y_\(name) = torch.tensor(\(labels.map(String.init)), dtype=torch.long)\n"
      case .values(let v, let width):
        code += "    y_\(name) = torch.tensor(\(floats(v)), dtype=torch.float32).reshape(-1, \(width))\n"
      }
      return code
    }
    return "def load_data():\n"
      + "    # \(d.name): the exact examples mltutor used (features as the model sees them).\n"
      + block("train", d.train) + block("test", d.test) + "    return x_train, y_train, x_test, y_test\n\n\n"
  }

  /// `text` as a Python string literal.
  static func pythonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
