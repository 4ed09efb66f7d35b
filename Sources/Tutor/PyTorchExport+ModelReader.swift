extension PyTorchExport {
  /// The Python reader of mltutor's model files (`Sources/Engine/ModelFile.swift` defines the
  /// format). One function per format version; `read_model` picks it from the first line. It
  /// needs only Python's standard library, so it runs where PyTorch is not installed, and it
  /// checks what `ModelFile.load` checks: the tensors the architecture needs, in order, the
  /// payload's length and its CRC-32.
  static let modelFileReader = """
    def read_model(path):
        \"\"\"Reads a model file mltutor saved: a dict with its version, architecture, metadata,
        parameters and statistics (batch normalisation's running mean and variance; none in a
        plain or residual model), each tensor a dict of name, shape and values (a flat list of
        floats, row-major).\"\"\"
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
        \"\"\"Version 1, a plain network: one line of JSON, then every parameter as little-endian
        float32, row-major.\"\"\"
        header, payload = read_header(rest)
        parameters, statistics = model_layout(header, 1)
        tensors = read_payload(header, payload, parameters)
        return {"version": 1, "architecture": header["architecture"], "metadata": header["metadata"],
                "parameters": tensors, "statistics": []}


    def read_model_v2(rest):
        \"\"\"Version 2, a network with residual blocks or batch normalisation: as version 1, with
        `blocks` in the architecture, each batch normalisation's scale and shift after its dense
        layer's bias, and the running statistics after every parameter in the payload.\"\"\"
        header, payload = read_header(rest)
        parameters, statistics = model_layout(header, 2)
        tensors = read_payload(header, payload, parameters + statistics)
        return {"version": 2, "architecture": header["architecture"], "metadata": header["metadata"],
                "parameters": tensors[:len(parameters)], "statistics": tensors[len(parameters):]}


    def read_header(rest):
        \"\"\"The header (the line of JSON after the first line) and the payload after it.\"\"\"
        end = rest.find(b"\\n")
        if end < 0:
            raise ValueError("truncated: the header has no end")
        try:
            header = json.loads(rest[:end])
        except ValueError:
            raise ValueError("the header is not valid JSON") from None
        if not isinstance(header, dict):
            raise ValueError("the header is not a JSON object")
        for field in ("architecture", "parameters", "payload_bytes", "crc32", "metadata"):
            if field not in header:
                raise ValueError(f"the header lacks its field '{field}'")
        return header, rest[end + 1:]


    def model_layout(header, version):
        \"\"\"The (name, shape) of every parameter, then of every statistic, that the header's
        architecture needs; the header must list exactly these.\"\"\"
        architecture = header["architecture"]
        sizes = architecture.get("sizes") if isinstance(architecture, dict) else None
        if not (isinstance(sizes, list) and len(sizes) >= 2 and all(isinstance(n, int) and n >= 1 for n in sizes)):
            raise ValueError("the header's architecture has no valid layer sizes")
        blocks = architecture.get("blocks", "plain")
        if blocks not in ("plain", "residual", "batchnorm"):
            raise ValueError(f"the header names unknown blocks {blocks!r}")
        if version == 1 and blocks != "plain":
            raise ValueError(f"a version-1 file cannot hold {blocks} blocks: its first line should be 'mltutor-model 2'")
        parameters, statistics = [], []
        for i in range(1, len(sizes)):
            parameters += [(f"dense{i}.weights", [sizes[i - 1], sizes[i]]), (f"dense{i}.bias", [1, sizes[i]])]
            if blocks == "batchnorm" and i < len(sizes) - 1:
                parameters += [(f"norm{i}.scale", [1, sizes[i]]), (f"norm{i}.shift", [1, sizes[i]])]
                statistics += [(f"norm{i}.running_mean", [1, sizes[i]]), (f"norm{i}.running_var", [1, sizes[i]])]
        spec = "-".join(str(n) for n in sizes) + ("" if blocks == "plain" else " " + blocks)
        for kind, field, expected in (("parameter", "parameters", parameters), ("statistics", "statistics", statistics)):
            listed = header.get(field, [])
            if not isinstance(listed, list) or [(t.get("name"), t.get("shape")) if isinstance(t, dict) else None
                                                for t in listed] != expected:
                raise ValueError(f"the {kind} list does not match the architecture {spec}")
        return parameters, statistics


    def read_payload(header, payload, layout):
        \"\"\"The tensors of `layout` from the payload: little-endian float32, in order.\"\"\"
        count = sum(rows * cols for _, (rows, cols) in layout)
        if header["payload_bytes"] != 4 * count:
            raise ValueError(f"the header promises {header['payload_bytes']} bytes but the tensors need {4 * count}")
        if len(payload) != 4 * count:
            raise ValueError(f"expected {4 * count} bytes of parameters, found {len(payload)}")
        if zlib.crc32(payload) != header["crc32"]:
            raise ValueError("corrupt: the CRC-32 of the parameters does not match the header")
        values = array.array("f")
        values.frombytes(payload)
        if sys.byteorder == "big":
            values.byteswap()
        tensors, offset = [], 0
        for name, (rows, cols) in layout:
            tensors.append({"name": name, "shape": [rows, cols], "values": values[offset:offset + rows * cols].tolist()})
            offset += rows * cols
        return tensors


    MODEL_READERS = {"1": read_model_v1, "2": read_model_v2}



    """

  /// `load_weights(model, saved)`: copies what `read_model` returned into the modules that
  /// `build_model` made, matching them by the names the engine gives its tensors.
  static let weightsLoader = """
    def load_weights(model, saved):
        \"\"\"Copies the tensors of a model file (read by read_model) into `model`: each dense layer's
        weights and bias into its nn.Linear, each batch normalisation's scale, shift, running mean
        and running variance into the nn.BatchNorm1d after that Linear.\"\"\"
        targets, dense = {}, 0
        for module in model.modules():
            if isinstance(module, nn.Linear):
                dense += 1
                targets[f"dense{dense}.weights"] = (module.weight, (module.in_features, module.out_features))
                targets[f"dense{dense}.bias"] = (module.bias, (1, module.out_features))
            elif isinstance(module, nn.BatchNorm1d):
                # mltutor names a batch normalisation after the dense layer it follows.
                width = (1, module.num_features)
                targets[f"norm{dense}.scale"] = (module.weight, width)
                targets[f"norm{dense}.shift"] = (module.bias, width)
                targets[f"norm{dense}.running_mean"] = (module.running_mean, width)
                targets[f"norm{dense}.running_var"] = (module.running_var, width)
        tensors = saved["parameters"] + saved.get("statistics", [])
        names = [tensor["name"] for tensor in tensors]
        for name in targets:
            if name not in names:
                raise ValueError(f"the saved model has no {name}, which this model needs")
        for tensor in tensors:
            if tensor["name"] not in targets:
                raise ValueError(f"the saved model has {tensor['name']}, which this model does not")
            shape = targets[tensor["name"]][1]
            if tuple(tensor["shape"]) != shape:
                rows, cols = tensor["shape"]
                raise ValueError(f"{tensor['name']} is {rows}x{cols}, this model's is {shape[0]}x{shape[1]}")
        with torch.no_grad():
            for tensor in tensors:
                target, shape = targets[tensor["name"]]
                values = torch.tensor(tensor["values"], dtype=torch.float32).reshape(shape)
                # mltutor keeps weights as inputs x outputs (x @ W + b); torch as outputs x inputs.
                target.copy_(values.t() if target.dim() == 2 else values.reshape(-1))



    """
}
