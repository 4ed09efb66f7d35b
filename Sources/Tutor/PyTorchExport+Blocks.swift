import Engine

extension PyTorchExport {
  /// The model of a network with residual blocks or batch normalisation, as the engine builds
  /// it: a `Residual` module (y = x + f(x·W + b)) where a hidden layer feeds a hidden layer of
  /// the same width, or `BatchNorm1d` (ε 1e-5, momentum 0.1, as the engine's) between each
  /// hidden `Linear` and its activation. `load_weights` fills both from a version-2 model file.
  static func blocksModelCode(_ a: Architecture, activation: String, initCode: String) -> String {
    var layers: [String] = []
    let sizes = a.sizes
    for i in 0..<(sizes.count - 1) {
      let linear = "nn.Linear(\(sizes[i]), \(sizes[i + 1]))"
      if a.isResidual(i) {
        layers += ["Residual(\(linear), \(activation))", "nn.Dropout(DROPOUT)"]
        continue
      }
      layers.append(linear)
      guard i < sizes.count - 2 else { continue }
      if a.blocks == .batchnorm { layers.append("nn.BatchNorm1d(\(sizes[i + 1]), eps=1e-5, momentum=0.1)") }
      layers += [activation, "nn.Dropout(DROPOUT)"]
    }
    let residualClass =
      a.blocks == .residual
      ? """
        # NB: without torch, object stands in for nn.Module, so that read_model still runs.
        class Residual(nn.Module if nn is not None else object):
            \"\"\"y = x + f(x W + b): the input skips past the layer and is added to its output.\"\"\"

            def __init__(self, linear, activation):
                super().__init__()
                self.linear = linear
                self.activation = activation

            def forward(self, x):
                return x + self.activation(self.linear(x))



        """ : ""
    return residualClass + """
      def build_model():
          model = nn.Sequential(
              \(layers.joined(separator: ",\n        ")),
          )
          for layer in model.modules():
              if isinstance(layer, nn.Linear):
                  \(initCode)
                  nn.init.zeros_(layer.bias)
          return model



      """ + weightsLoader
  }
}
