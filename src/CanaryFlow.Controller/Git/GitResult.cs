namespace CanaryFlow.Controller.Git;

/// <summary>What one git invocation returned. Output never holds credentials: they reach git only through files.</summary>
internal sealed record GitResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
