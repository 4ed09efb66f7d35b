extension PyTorchExport {
  /// The Python reader of mltutor's model files (`Sources/Engine/ModelFile.swift` defines the
  /// format). One function per format version; `read_model` picks it from the first line. It
  /// needs only Python's standard library, so it runs where PyTorch is not installed.
  static let modelFileReader = """
    def read_model(path):
        \"\"\"Reads a model file mltutor saved: a dict with its version, architecture, metadata and
        parameters, each a dict of name, shape and values (a flat list of floats, row-major).\"\"\"
        with open(path, "rb") as f:
            data = f.read()
        end = data.find(b"\\n")
        first = data[:end].decode("ascii", "replace") if end >= 0 else ""
        if not first.startswith("mltutor-model "):
            raise ValueError("not an mltutor model file: it should start with the line 'mltutor-model 1'")
        version = first[len("mltutor-model "):]
        reader = MODEL_READERS.get(version)
        if reader is None:
            known = ", ".join(sorted(MODEL_READERS))
            raise ValueError(f"model file version {version} is not one this script reads (it reads {known})")
        return reader(data[end + 1:])


    def read_model_v1(rest):
        \"\"\"Version 1: one line of JSON, then every parameter as little-endian float32, row-major.\"\"\"
        end = rest.find(b"\\n")
        if end < 0:
            raise ValueError("truncated: the header has no end")
        header = json.loads(rest[:end])
        payload = rest[end + 1:]
        if len(payload) != header["payload_bytes"]:
            raise ValueError(f"expected {header['payload_bytes']} bytes of parameters, found {len(payload)}")
        if zlib.crc32(payload) != header["crc32"]:
            raise ValueError("corrupt: the CRC-32 of the parameters does not match the header")
        values = array.array("f")
        values.frombytes(payload)
        if sys.byteorder == "big":
            values.byteswap()
        parameters, offset = [], 0
        for tensor in header["parameters"]:
            count = 1
            for n in tensor["shape"]:
                count *= n
            parameters.append({"name": tensor["name"], "shape": tensor["shape"],
                               "values": values[offset:offset + count].tolist()})
            offset += count
        return {"version": 1, "architecture": header["architecture"], "metadata": header["metadata"],
                "parameters": parameters}


    MODEL_READERS = {"1": read_model_v1}



    """
}
