namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// Rejects enum values without a name (a cast integer): the machine keys states and triggers by value, and a
/// nameless value would show up as a bare number in the diagram.
/// </summary>
internal static class DefinedEnumValue
{
    public static TEnum Require<TEnum>(TEnum value, string parameterName)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(parameterName, value, $"{value} is not a defined {typeof(TEnum).Name}.");
}
