namespace CanaryFlow.Kubernetes.Client;

/// <summary>What the handlers of the pipeline need to know about a request besides its URL.</summary>
internal static class ApiRequest
{
    /// <summary>The API verb (get, list, watch, create, update, patch, delete, deletecollection).</summary>
    public static readonly HttpRequestOptionsKey<string> Verb = new("canaryflow.verb");

    /// <summary>The resource (plural[.group]) the request is about.</summary>
    public static readonly HttpRequestOptionsKey<string> Resource = new("canaryflow.resource");
}
