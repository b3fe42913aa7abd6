using System.CommandLine;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>kubectl's <c>-f/--filename</c>, repeatable.</summary>
internal static class FileOption
{
    public static Option<string[]> Create(string description) => new("--filename", "-f")
    {
        Description = description,
        Required = true,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.OneOrMore,
    };
}
