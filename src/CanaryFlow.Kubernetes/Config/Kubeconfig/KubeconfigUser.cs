using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

internal sealed class KubeconfigUser
{
    [JsonPropertyName("client-certificate")]
    public string? ClientCertificate { get; set; }

    [JsonPropertyName("client-certificate-data")]
    public string? ClientCertificateData { get; set; }

    [JsonPropertyName("client-key")]
    public string? ClientKey { get; set; }

    [JsonPropertyName("client-key-data")]
    public string? ClientKeyData { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("tokenFile")]
    public string? TokenFile { get; set; }

    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("password")]
    public string? Password { get; set; }

    [JsonPropertyName("auth-provider")]
    public KubeconfigAuthProvider? AuthProvider { get; set; }

    [JsonPropertyName("exec")]
    public KubeconfigExec? Exec { get; set; }

    // Impersonation is recognised only to refuse it: silently dropping it would act as a different identity.
    [JsonPropertyName("as")]
    public JsonNode? ImpersonateUser { get; set; }

    [JsonPropertyName("as-uid")]
    public JsonNode? ImpersonateUid { get; set; }

    [JsonPropertyName("as-groups")]
    public JsonNode? ImpersonateGroups { get; set; }

    [JsonPropertyName("as-user-extra")]
    public JsonNode? ImpersonateUserExtra { get; set; }
}
