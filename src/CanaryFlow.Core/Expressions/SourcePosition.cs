namespace CanaryFlow.Core.Expressions;

/// <summary>
/// A place in an expression's text: <see cref="Index"/> is 0-based (for code), <see cref="Line"/> and
/// <see cref="Column"/> are 1-based (for people). Conditions are usually one line, so <see cref="ToString"/> names
/// the column alone there; a YAML block scalar can span lines, and then the line is named too.
/// </summary>
public readonly record struct SourcePosition(int Index, int Line, int Column)
{
    public override string ToString() => Line == 1 ? $"column {Column}" : $"line {Line}, column {Column}";

    internal static SourcePosition In(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var before = text.AsSpan(0, index);
        var lineStart = before.LastIndexOf('\n') + 1;
        return new SourcePosition(index, before.Count('\n') + 1, index - lineStart + 1);
    }
}
