using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>
/// A credential plugin written as a shell script. Every run appends a line to a runs file and records
/// KUBERNETES_EXEC_INFO, its arguments and the PLUGIN_* variables, then runs <c>body</c>; <c>$n</c> in the body is the
/// run number.
/// </summary>
public sealed class ExecPluginScript
{
    private readonly string _runs;
    private readonly string _execInfo;
    private readonly string _arguments;
    private readonly string _environment;

    public ExecPluginScript(TemporaryDirectory directory, string body, string name = "plugin.sh")
    {
        _runs = directory.Combine(name + ".runs");
        _execInfo = directory.Combine(name + ".exec-info");
        _arguments = directory.Combine(name + ".args");
        _environment = directory.Combine(name + ".env");
        Path = directory.Write(name, $"""
            #!/bin/sh
            echo run >> '{_runs}'
            n=$(wc -l < '{_runs}' | tr -d ' ')
            printf '%s' "$KUBERNETES_EXEC_INFO" > '{_execInfo}'
            printf '%s\n' "$@" > '{_arguments}'
            env | grep '^PLUGIN_' | sort > '{_environment}'
            {body}

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Path { get; }

    public int Runs => File.Exists(_runs) ? File.ReadAllLines(_runs).Length : 0;

    public JsonObject LastExecInfo => JsonNode.Parse(File.ReadAllText(_execInfo))!.AsObject();

    public string[] LastArguments => File.ReadAllLines(_arguments);

    public string[] LastEnvironment => File.ReadAllLines(_environment);

    /// <summary>A body that prints a v1 ExecCredential with token <c>exec-token-$n</c> and, when given, an expiry.</summary>
    public static string TokenBody(string? expirationTimestamp, string apiVersion = "client.authentication.k8s.io/v1")
    {
        var expiry = expirationTimestamp is null ? "" : $",\"expirationTimestamp\":\"{expirationTimestamp}\"";
        return $$$"""
            cat <<EOF
            {"apiVersion":"{{{apiVersion}}}","kind":"ExecCredential","status":{"token":"exec-token-$n"{{{expiry}}}}}
            EOF
            """;
    }
}
