import Datasets
import Foundation
import Testing
import Tutor

/// `show hyper` shows the settings that apply; a model without a hidden layer takes no
/// activation; fresh settings put back what a new session has.
@Suite struct SessionSettingsTests {
  func session() -> Session {
    Session(locations: DataLocations(
      embedded: SessionTests.root.appendingPathComponent("Lessons/data").path, userData: "/nonexistent"))
  }

  func settingNames(_ s: Session) -> [String] {
    guard case .table(let table)? = s.execute(line: "show hyper").first else { return [] }
    return table.rows.map { $0[0] }
  }

  @Test func showHyperListsOnlyWhatTheOptimizerUses() {
    let s = session()
    #expect(settingNames(s) == ["lr", "batch", "optimizer", "l1", "l2", "dropout", "clip", "seed"])
    _ = s.execute(line: "set optimizer momentum")
    #expect(settingNames(s) == ["lr", "batch", "optimizer", "momentum", "l1", "l2", "dropout", "clip", "seed"])
    _ = s.execute(line: "set optimizer nesterov")
    #expect(settingNames(s).contains("momentum"))
    _ = s.execute(line: "set optimizer adam")
    #expect(settingNames(s) == ["lr", "batch", "optimizer", "beta1", "beta2", "l1", "l2", "dropout", "clip", "seed"])
  }

  @Test func anActivationWithoutAHiddenLayerIsRefused() {
    let s = session()
    _ = s.execute(line: "data xor")
    #expect(s.execute(line: "model 2-2 activation=tanh") == [.error(
      "model 2-2 has no hidden layer, so activation=tanh would act on nothing: give it a hidden layer, e.g. `model 2-8-2 activation=tanh`")])
    #expect(s.execute(line: "model linear activation=relu") == [.error(
      "model linear has no hidden layer, so activation=relu would act on nothing: give it a hidden layer")])
    #expect(s.settings.modelSpec == "linear")
    guard case .text(let lines)? = s.execute(line: "model 2-8-2 activation=tanh").first else {
      Issue.record("no answer")
      return
    }
    #expect(lines.first?.hasPrefix("model 2-8-2 tanh") == true, "\(lines)")
  }

  @Test func freshSettingsPutBackWhatANewSessionHas() {
    let s = session()
    for line in ["data moons", "model 2-16-2", "set dropout 0.5", "set optimizer adam", "set lr 0.003", "set seed 4", "set clip 1", "train 20"] {
      _ = s.execute(line: line)
    }
    s.restoreFreshSettings()
    #expect(s.settings == {
      var fresh = SessionSettings()
      fresh.dataName = "moons"
      fresh.modelSpec = "2-16-2"
      return fresh
    }())
    #expect(s.trainer?.hyper == SessionSettings().hyper)
    #expect(s.trainer?.steps == 0)
    #expect(s.settings.trainingSummary == "optimizer sgd, lr 0.01, batch 32, seed 0; no L1, L2, dropout or clipping")
    _ = s.execute(line: "set optimizer momentum")
    _ = s.execute(line: "set dropout 0.5")
    #expect(s.settings.trainingSummary == "optimizer momentum, lr 0.01, batch 32, momentum 0.9, seed 0, dropout 0.5; no L1, L2 or clipping")
  }
}
