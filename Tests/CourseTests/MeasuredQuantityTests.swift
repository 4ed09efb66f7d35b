import Testing
import Tutor

@testable import Course

/// The quantities of `cost`, `search` and `threshold`, as checks read them.
@Suite struct MeasuredQuantityTests {
  @Test func countsFollowTheModelAndMeasuresWaitForTheirCommand() throws {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "data moons")
    _ = session.execute(line: "model 2-16-2")
    #expect(reader.value(of: "inference_macs") == .value(.number(64)))
    #expect(reader.value(of: "training_macs") == .value(.number(32 * (3 * 64 - 32))))
    #expect(reader.value(of: "parameter_bytes") == .value(.number(82 * 4)))
    #expect(reader.value(of: "optimizer_bytes") == .value(.number(0)))
    _ = session.execute(line: "set optimizer adam")
    #expect(reader.value(of: "optimizer_bytes") == .value(.number(2 * 82 * 4)))
    for name in ["inference_per_second", "search_best_loss", "search_best_lr", "threshold_accuracy"] {
      guard case .unavailable = reader.value(of: name) else {
        Issue.record("\(name) has a value before its command ran")
        continue
      }
    }
    _ = session.execute(line: "cost")
    guard case .value(.number(let slowdown)) = reader.value(of: "training_slowdown") else {
      Issue.record("no training_slowdown after `cost`")
      return
    }
    #expect(slowdown > 0)
    _ = session.execute(line: "model 2-8-2")
    guard case .unavailable = reader.value(of: "inference_per_second") else {
      Issue.record("a speed measured on another model")
      return
    }
  }

  @Test func theBestTrialOfASearch() throws {
    let session = TestSupport.session()
    let reader = QuantityReader(session: session)
    _ = session.execute(line: "data moons")
    _ = session.execute(line: "model 2-16-2")
    _ = session.execute(line: "search lr=0.001,0.3 steps=100")
    let best = try #require(session.measured.search?.best)
    #expect(best.values == ["0.3"])
    #expect(reader.value(of: "search_best_lr") == .value(.number(0.3)))
    #expect(reader.value(of: "search_best_batch") == .value(.number(32)))
    #expect(reader.value(of: "search_best_loss") == .value(.number(best.loss)))
    #expect(reader.value(of: "search_trials") == .value(.number(2)))
    // Main trained by hand with the best setting gives the same test loss, bit for bit.
    _ = session.execute(line: "set lr 0.3")
    _ = session.execute(line: "train 100")
    #expect(reader.value(of: "test_loss") == .value(.number(best.loss)))
  }
}
