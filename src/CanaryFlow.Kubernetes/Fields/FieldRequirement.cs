namespace CanaryFlow.Kubernetes.Fields;

/// <summary>One term of a field selector. <see cref="Value"/> is the literal value, escapes removed.</summary>
public sealed record FieldRequirement(string Field, FieldSelectorOperator Operator, string Value)
{
    /// <summary>
    /// Compares the field's value; an absent field (null) counts as the empty string, as the API server's field
    /// sets do, so <c>f=</c> matches it and <c>f!=x</c> does too.
    /// </summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        var equal = string.Equals(fieldValue(Field) ?? string.Empty, Value, StringComparison.Ordinal);
        return Operator == FieldSelectorOperator.Equal ? equal : !equal;
    }

    /// <summary>The term in selector syntax with the value escaped.</summary>
    public override string ToString() =>
        Field + (Operator == FieldSelectorOperator.Equal ? "=" : "!=") + FieldValueEscaping.Escape(Value);
}
