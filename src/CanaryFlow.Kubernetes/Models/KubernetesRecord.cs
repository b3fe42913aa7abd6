using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// The base of every model record: it keeps the JSON members the record does not model, so that reading an object and
/// writing it back never drops a user's field or one added by a newer API version.
/// </summary>
/// <remarks>
/// Model properties are nullable and have no initializers: absent stays absent on the way back, and the source
/// generator would overwrite an initializer with null anyway (see <see cref="KubernetesObject"/> for the exceptions).
/// </remarks>
public abstract record KubernetesRecord
{
    /// <summary>
    /// Members the record does not model, written back after the modelled ones. Treat the dictionary as read-only:
    /// <c>with</c> copies share it, so give a changed copy a new dictionary instead of editing this one.
    /// </summary>
    [JsonIgnore]
    public IDictionary<string, JsonElement>? ExtensionData
    {
        get => UnmodelledMembers;
        init => UnmodelledMembers = value;
    }

    // The source generator cannot fill an init-only extension-data property (dotnet/runtime#107898), so it binds this
    // settable twin, which no code outside the assembly can reach.
    [JsonExtensionData]
    [JsonInclude]
    internal IDictionary<string, JsonElement>? UnmodelledMembers { get; set; }
}
