import Datasets
import Engine

/// Writes a runnable PyTorch script that sets up the same experiment: the data, the model,
/// the initialisation, the optimiser and every hyperparameter, the seed, and the run's number
/// of steps.
///
/// Image sets are read from the same IDX files, in a folder the script's user may change
/// (`--data DIR` or `$MLTUTOR_DATA`; by default the folder mltutor read them from); generated
/// and CSV sets are written into the script as numbers. `--steps N` changes the number of
/// steps, and `--weights FILE` starts from the weights of a model mltutor saved (`save FILE`),
/// read by the script's own model-file reader, which needs neither torch nor numpy.
enum PyTorchExport {
  /// The line every exported script starts with.
  static let firstLine = "# A PyTorch version of an mltutor experiment."

  /// The script for a run that has taken `steps` steps (0: not trained yet, the script then
  /// trains one epoch).
  static func script(
    settings: SessionSettings, hyper h: Hyperparameters, dataset: Dataset, architecture a: Architecture,
    steps: Int = 0
  ) -> String {
    let files = idxFiles(dataset)
    let perEpoch = (dataset.train.count + h.batchSize - 1) / max(h.batchSize, 1)
    let stepsNote =
      steps > 0
      ? "# The mltutor run took \(steps) steps (\(perEpoch) make an epoch); --steps N changes it."
      : "# The mltutor run had not trained yet: one epoch of \(perEpoch) steps; --steps N changes it."
    var s = firstLine + "\n" + """
      # data: \(dataset.name), model: \(a.specText) \(a.activation.rawValue), seed \(settings.seed)
      # optimizer \(h.optimizer.rawValue), lr \(h.learningRate), batch \(h.batchSize), momentum \(h.momentum),
      # l1 \(h.l1), l2 \(h.l2), dropout \(h.dropout), clip \(h.clipNorm)
      #
      # Run it with PyTorch and numpy installed: python3 SCRIPT [--steps N] [--weights MODEL]\(files == nil ? "" : " [--data DIR]")
      #   --steps N        the number of training steps (mini-batches)
      #   --weights MODEL  start from the weights of a model mltutor saved (its `save MODEL` command)
      """
    if files != nil {
      s += "\n#   --data DIR       the folder of the IDX files (default: $MLTUTOR_DATA, else DATA_DIR below)"
    }
    s += "\n" + """
      import argparse
      import array
      import gzip
      import json
      import os
      import struct
      import sys
      import zlib

      # NB: read_model needs neither numpy nor torch, read_idx needs only numpy; training needs both.
      try:
          import numpy as np
      except ImportError:
          np = None
      try:
          import torch
          from torch import nn
      except ImportError:
          torch = nn = None

      SEED = \(settings.seed)
      LEARNING_RATE = \(h.learningRate)
      BATCH_SIZE = \(h.batchSize)
      MOMENTUM = \(h.momentum)
      L1 = \(h.l1)
      L2 = \(h.l2)
      DROPOUT = \(h.dropout)
      CLIP = \(h.clipNorm)
      \(stepsNote)
      STEPS = \(steps > 0 ? steps : perEpoch)



      """
    s += modelFileReader
    s += dataCode(dataset, files: files)
    s += modelCode(a, settings.effectiveInitializer)
    s += mainCode(h, task: a.task, takesData: files != nil)
    return s
  }

  static func floats(_ values: [Float]) -> String {
    "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
  }

  /// The folder and the four IDX files of an image set, when its source names them.
  static func idxFiles(_ d: Dataset) -> (folder: String, names: [String])? {
    guard d.imageShape != nil else { return nil }
    // Sources look like "/dir/{a,b,c,d}".
    guard let open = d.source.firstIndex(of: "{"), let close = d.source.lastIndex(of: "}") else { return nil }
    var folder = String(d.source[..<open])
    while folder.count > 1 && folder.hasSuffix("/") { folder.removeLast() }
    let names = d.source[d.source.index(after: open)..<close].split(separator: ",").map(String.init)
    guard names.count == 4 else { return nil }
    return (folder.isEmpty ? "." : folder, names)
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
      def build_model():
          model = nn.Sequential(
              \(layers.joined(separator: ",\n        ")),
          )
          for layer in model:
              if isinstance(layer, nn.Linear):
                  \(initCode)
                  nn.init.zeros_(layer.bias)
          return model



      """ + weightsLoader
  }

  private static func optimizerCode(_ h: Hyperparameters) -> String {
    let groups = """
          weights = [p for n, p in model.named_parameters() if n.endswith("weight") and p.dim() > 1]
          biases = [p for n, p in model.named_parameters() if not (n.endswith("weight") and p.dim() > 1)]
          groups = [{"params": weights, "weight_decay": L2}, {"params": biases, "weight_decay": 0.0}]

      """
    switch h.optimizer {
    case .sgd: return groups + "    optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE)\n"
    case .momentum: return groups + "    optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM)\n"
    case .nesterov:
      return groups + "    optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)\n"
    case .adam:
      return groups
        + "    optimizer = torch.optim.Adam(groups, lr=LEARNING_RATE, betas=(\(h.beta1), \(h.beta2)), eps=\(h.epsilon))\n"
    }
  }

  private static func mainCode(_ h: Hyperparameters, task: Task, takesData: Bool) -> String {
    let lossLine = task == .classification ? "loss_fn = nn.CrossEntropyLoss()" : "loss_fn = nn.MSELoss()"
    let metric =
      task == .classification
      ? "accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()\n            print(f\"epoch {epoch} ({step} steps): test loss {test_loss:.4f}, test accuracy {accuracy:.4f}\")"
      : "print(f\"epoch {epoch} ({step} steps): test loss {test_loss:.4f}, test RMSE {test_loss ** 0.5:.4f}\")"
    let dataOption =
      takesData
      ? "\n    parser.add_argument(\"--data\", metavar=\"DIR\", default=os.environ.get(\"MLTUTOR_DATA\") or DATA_DIR,\n                        help=\"the folder of the IDX files (default: %(default)s; MLTUTOR_DATA changes it)\")"
      : ""
    return """
      def main():
          parser = argparse.ArgumentParser(description="Train the exported mltutor experiment with PyTorch.")
          parser.add_argument("--steps", type=int, default=STEPS, help="training steps (default: %(default)s)")
          parser.add_argument("--weights", metavar="MODEL", help="start from a model mltutor saved")\(dataOption)
          args = parser.parse_args()
          if torch is None or np is None:
              sys.exit("error: training needs PyTorch and numpy (pip install torch numpy)")
          if args.steps < 0:
              sys.exit("error: --steps must be 0 or more")
          torch.manual_seed(SEED)
          x_train, y_train, x_test, y_test = load_data(\(takesData ? "args.data" : ""))
          model = build_model()
          if args.weights:
              try:
                  load_weights(model, read_model(args.weights))
              except (OSError, ValueError) as error:
                  sys.exit(f"error: {args.weights}: {error}")

      """ + optimizerCode(h) + """

          \(lossLine)

          def report(epoch, step):
              model.eval()
              with torch.no_grad():
                  test_loss = loss_fn(model(x_test), y_test).item()
                  \(metric)

          step, epoch = 0, 0
          if args.steps == 0:
              report(epoch, step)
          while step < args.steps:
              model.train()
              order = torch.randperm(len(x_train))
              for start in range(0, len(x_train), BATCH_SIZE):
                  if step == args.steps:
                      break
                  batch = order[start:start + BATCH_SIZE]
                  loss = loss_fn(model(x_train[batch]), y_train[batch])
                  if L1 > 0:
                      loss = loss + L1 * sum(p.abs().sum() for p in weights)
                  optimizer.zero_grad()
                  loss.backward()
                  if CLIP > 0:
                      torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
                  optimizer.step()
                  step += 1
              epoch += 1
              report(epoch, step)


      if __name__ == "__main__":
          main()

      """
  }
}
