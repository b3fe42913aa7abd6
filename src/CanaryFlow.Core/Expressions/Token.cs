namespace CanaryFlow.Core.Expressions;

/// <param name="Text">The token as written, for messages.</param>
/// <param name="Number">The value of a number token.</param>
/// <param name="Value">The unescaped value of a string token, or the name of an identifier.</param>
internal readonly record struct Token(TokenKind Kind, int Index, string Text, double Number = 0, string? Value = null)
{
    /// <summary>The token as a message names it: <c>')'</c>, <c>number 1.5</c>, <c>end of expression</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Number => $"number {Text}",
        TokenKind.String => $"string {Text}",
        TokenKind.Identifier => $"name '{Text}'",
        _ => $"'{Text}'",
    };

    /// <summary>Whether the token can end an operand, after which <c>.</c> is member access rather than the start of <c>.5</c>.</summary>
    public bool EndsOperand => Kind is TokenKind.Number or TokenKind.String or TokenKind.Identifier or TokenKind.True
        or TokenKind.False or TokenKind.Nil or TokenKind.Hash or TokenKind.RightParen or TokenKind.RightBracket
        or TokenKind.RightBrace;
}
