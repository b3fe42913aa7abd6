namespace CanaryFlow.Cli.Convert;

/// <summary>Something of the Argo object that CanaryFlow has no equivalent for, and what became of it.</summary>
internal sealed record ConversionNote(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
