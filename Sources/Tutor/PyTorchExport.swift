import Datasets
import Engine

/// Writes a runnable PyTorch script that sets up the same experiment: the data, the model,
/// the initialisation, the optimiser and every hyperparameter, and the seed.
///
/// Image sets are read from the same IDX files; generated and CSV sets are written into the
/// script as numbers, so it needs nothing but Python, numpy and torch.
enum PyTorchExport {
  /// The line every exported script starts with.
  static let firstLine = "# A PyTorch version of an mltutor experiment."

  static func script(
    settings: SessionSettings, hyper h: Hyperparameters, dataset: Dataset, architecture a: Architecture
  ) -> String {
    var s = firstLine + "\n" + """
      # data: \(dataset.name), model: \(a.specText) \(a.activation.rawValue), seed \(settings.seed)
      # optimizer \(h.optimizer.rawValue), lr \(h.learningRate), batch \(h.batchSize), momentum \(h.momentum),
      # l1 \(h.l1), l2 \(h.l2), dropout \(h.dropout), clip \(h.clipNorm)
      import gzip
      import struct

      import numpy as np
      import torch
      from torch import nn

      SEED = \(settings.seed)
      LEARNING_RATE = \(h.learningRate)
      BATCH_SIZE = \(h.batchSize)
      MOMENTUM = \(h.momentum)
      L1 = \(h.l1)
      L2 = \(h.l2)
      DROPOUT = \(h.dropout)
      CLIP = \(h.clipNorm)
      EPOCHS = 10
      torch.manual_seed(SEED)


      """
    s += dataCode(dataset)
    s += modelCode(a, settings.effectiveInitializer)
    s += optimizerCode(h)
    s += trainingCode(a.task)
    return s
  }

  private static func floats(_ values: [Float]) -> String {
    "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
  }

  private static func dataCode(_ d: Dataset) -> String {
    if d.imageShape != nil, let files = idxFiles(d) {
      return """
        def read_idx(path):
            with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
                data = f.read()
            dims = data[3]
            shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
            return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


        x_train = torch.tensor(read_idx("\(files[0])").reshape(-1, \(d.featureCount)) / 255.0, dtype=torch.float32)
        y_train = torch.tensor(read_idx("\(files[1])"), dtype=torch.long)
        x_test = torch.tensor(read_idx("\(files[2])").reshape(-1, \(d.featureCount)) / 255.0, dtype=torch.float32)
        y_test = torch.tensor(read_idx("\(files[3])"), dtype=torch.long)


        """
    }
    func block(_ name: String, _ e: Examples) -> String {
      let x = e.features(0..<e.count).values
      var code = "x_\(name) = torch.tensor(\(floats(x)), dtype=torch.float32).reshape(-1, \(d.featureCount))\n"
      switch e.labels {
      case .classes(let labels, _):
        code += "y_\(name) = torch.tensor(\(labels.map(String.init)), dtype=torch.long)\n"
      case .values(let v, let width):
        code += "y_\(name) = torch.tensor(\(floats(v)), dtype=torch.float32).reshape(-1, \(width))\n"
      }
      return code
    }
    return "# \(d.name): the exact examples mltutor used (features as the model sees them).\n"
      + block("train", d.train) + block("test", d.test) + "\n\n"
  }

  /// The four IDX files of an image set, when its source names them.
  private static func idxFiles(_ d: Dataset) -> [String]? {
    // Sources look like "/dir/{a,b,c,d}" or list the files separated by commas.
    guard let open = d.source.firstIndex(of: "{"), let close = d.source.lastIndex(of: "}") else { return nil }
    let dir = d.source[..<open]
    let names = d.source[d.source.index(after: open)..<close].split(separator: ",")
    guard names.count == 4 else { return nil }
    return names.map { String(dir) + String($0) }
  }

  private static func modelCode(_ a: Architecture, _ initializer: Initializer) -> String {
    let activation: String
    switch a.activation {
    case .relu: activation = "nn.ReLU()"
    case .leakyRelu: activation = "nn.LeakyReLU(0.01)"
    case .sigmoid: activation = "nn.Sigmoid()"
    case .tanh: activation = "nn.Tanh()"
    }
    var layers: [String] = []
    let sizes = a.sizes
    for i in 0..<(sizes.count - 1) {
      layers.append("nn.Linear(\(sizes[i]), \(sizes[i + 1]))")
      if i < sizes.count - 2 { layers += [activation, "nn.Dropout(DROPOUT)"] }
    }
    let initCode: String
    switch initializer {
    case .he: initCode = "nn.init.kaiming_normal_(layer.weight, nonlinearity=\"relu\")"
    case .xavier: initCode = "nn.init.xavier_uniform_(layer.weight)"
    case .uniform: initCode = "bound = layer.in_features ** -0.5; nn.init.uniform_(layer.weight, -bound, bound)"
    case .zeros: initCode = "nn.init.zeros_(layer.weight)"
    }
    if a.blocks != .plain { return blocksModelCode(a, activation: activation, initCode: initCode) }
    return """
      model = nn.Sequential(
          \(layers.joined(separator: ",\n    ")),
      )
      for layer in model:
          if isinstance(layer, nn.Linear):
              \(initCode)
              nn.init.zeros_(layer.bias)


      """
  }

  private static func optimizerCode(_ h: Hyperparameters) -> String {
    let groups = """
      weights = [p for n, p in model.named_parameters() if n.endswith("weight") and p.dim() > 1]
      biases = [p for n, p in model.named_parameters() if not (n.endswith("weight") and p.dim() > 1)]
      groups = [{"params": weights, "weight_decay": L2}, {"params": biases, "weight_decay": 0.0}]

      """
    switch h.optimizer {
    case .sgd: return groups + "optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE)\n\n\n"
    case .momentum: return groups + "optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM)\n\n\n"
    case .nesterov:
      return groups + "optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)\n\n\n"
    case .adam:
      return groups + "optimizer = torch.optim.Adam(groups, lr=LEARNING_RATE, betas=(\(h.beta1), \(h.beta2)), eps=\(h.epsilon))\n\n\n"
    }
  }

  private static func trainingCode(_ task: Task) -> String {
    let lossLine = task == .classification ? "loss_fn = nn.CrossEntropyLoss()" : "loss_fn = nn.MSELoss()"
    let metric =
      task == .classification
      ? "accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()\n        print(f\"epoch {epoch + 1}: test loss {test_loss:.4f}, test accuracy {accuracy:.4f}\")"
      : "print(f\"epoch {epoch + 1}: test loss {test_loss:.4f}, test RMSE {test_loss ** 0.5:.4f}\")"
    return """
      \(lossLine)
      for epoch in range(EPOCHS):
          model.train()
          order = torch.randperm(len(x_train))
          for start in range(0, len(x_train), BATCH_SIZE):
              batch = order[start:start + BATCH_SIZE]
              loss = loss_fn(model(x_train[batch]), y_train[batch])
              if L1 > 0:
                  loss = loss + L1 * sum(p.abs().sum() for p in weights)
              optimizer.zero_grad()
              loss.backward()
              if CLIP > 0:
                  torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
              optimizer.step()
          model.eval()
          with torch.no_grad():
              test_loss = loss_fn(model(x_test), y_test).item()
              \(metric)

      """
  }
}
