import Charts
import Testing

/// The ASCII stand-ins for mltutor's non-ASCII characters: exact spellings, and plain ASCII
/// whatever goes in.
@Suite struct ASCIITextTests {
  @Test func spellsTheProductsCharacters() {
    #expect(ASCIIText.text("surface (m²) → price (k€)") == "surface (m^2) -> price (kEUR)")
    #expect(ASCIIText.text("loss 0.2 · 12 samples/s · Ctrl-C stops") == "loss 0.2 | 12 samples/s | Ctrl-C stops")
    #expect(ASCIIText.text("v ← μ·v − lr·g") == "v <- mu*v - lr*g")
    #expect(ASCIIText.text("── Step 2 of 5 ──") == "-- Step 2 of 5 --")
    #expect(ASCIIText.text("✓ Step 1 done") == "v Step 1 done")
    #expect(ASCIIText.text("lr 10⁻⁴, 28×28, R² ≈ 0.9, |w| ≤ 3") == "lr 10^-4, 28x28, R^2 ~ 0.9, |w| <= 3")
    #expect(ASCIIText.text("η θ λ₂ ∂L/∂w …") == "eta theta lambda2 dL/dw ...")
    #expect(ASCIIText.text("plain text") == "plain text")
  }

  @Test func anythingElseBecomesAQuestionMark() {
    #expect(ASCIIText.text("界 🙂 ŷ") == "? ? y")
  }

  @Test func cellsGetOneCharacter() {
    #expect(ASCIIText.cell("→") == ">")
    #expect(ASCIIText.cell("²") == "2")
    #expect(ASCIIText.cell("█") == "#")
    #expect(ASCIIText.cell("⣿") == ".")
    #expect(ASCIIText.cell("界") == "?")
    #expect(ASCIIText.cell("a") == "a")
    var grid = Grid(width: 4, height: 1)
    grid.write("a→⏸█", x: 0, y: 0)
    #expect(grid.asciiOnly().lines() == ["a>=#"])
  }

  @Test func everyCharacterOfTheProductComesOutASCII() {
    // Every non-ASCII character in the tables, and a sample of others.
    var all = ""
    for v in 0xA0...0x2FFF { if let s = Unicode.Scalar(v) { all.unicodeScalars.append(s) } }
    #expect(ASCIIText.text(all).unicodeScalars.allSatisfy { $0.isASCII })
    #expect(all.allSatisfy { ASCIIText.cell($0).isASCII })
  }
}
