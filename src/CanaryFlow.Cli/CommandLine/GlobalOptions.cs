using System.CommandLine;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Cli.Errors;
using CanaryFlow.Cli.Output;

namespace CanaryFlow.Cli.CommandLine;

/// <summary>kubectl's global flags, accepted by every command in the same spelling.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to the kubeconfig file to use (default: KUBECONFIG, else ~/.kube/config)", Recursive = true };

    public Option<string?> Context { get; } = new("--context") { Description = "The name of the kubeconfig context to use", Recursive = true };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace (default: the context's namespace, else default)", Recursive = true };

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A") { Description = "List across all namespaces (list rollouts)", Recursive = true };

    public Option<string?> Output { get; } = CreateOutput();

    public IEnumerable<Option> All => [Kubeconfig, Context, Namespace, AllNamespaces, Output];

    public ClusterTarget Target(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new ClusterTarget(parse.GetValue(Kubeconfig), parse.GetValue(Context), parse.GetValue(Namespace), parse.GetValue(AllNamespaces));
    }

    public OutputFormat Format(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Output) switch
        {
            null or "" => OutputFormat.Human,
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            var other => throw new UsageException($"unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,yaml"),
        };
    }

    private static Option<string?> CreateOutput() => new("--output", "-o") { Description = "Output format: json or yaml", Recursive = true, HelpName = "json|yaml" };
}
