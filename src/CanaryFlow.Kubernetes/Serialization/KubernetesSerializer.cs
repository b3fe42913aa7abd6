using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>
/// Reads and writes the Kubernetes models through <see cref="KubernetesJsonContext"/> only: a type the context does
/// not know fails with <see cref="NotSupportedException"/> instead of falling back to reflection.
/// </summary>
public static class KubernetesSerializer
{
    /// <summary>
    /// The context's options with relaxed escaping: only what JSON requires is escaped, so base64 '+' and
    /// non-ASCII text go out as written, as from Go's encoder and LocalCluster.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <exception cref="NotSupportedException">The context has no metadata for <typeparamref name="T"/>.</exception>
    public static JsonTypeInfo<T> GetTypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, GetTypeInfo<T>());

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    public static JsonElement SerializeToElement<T>(T value) => JsonSerializer.SerializeToElement(value, GetTypeInfo<T>());

    /// <summary>For building patches: the node is a fresh tree the caller may change.</summary>
    public static JsonNode SerializeToNode<T>(T value) =>
        JsonSerializer.SerializeToNode(value, GetTypeInfo<T>()) ?? throw new ArgumentNullException(nameof(value));

    public static Task SerializeAsync<T>(Stream utf8Json, T value, CancellationToken cancellationToken = default) =>
        JsonSerializer.SerializeAsync(utf8Json, value, GetTypeInfo<T>(), cancellationToken);

    /// <exception cref="JsonException">Malformed JSON, a wrong shape, or the JSON literal <c>null</c>.</exception>
    public static T Deserialize<T>(string json) => NotNull(JsonSerializer.Deserialize(json, GetTypeInfo<T>()));

    /// <exception cref="JsonException">Malformed JSON, a wrong shape, or the JSON literal <c>null</c>.</exception>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) => NotNull(JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>()));

    /// <exception cref="JsonException">A wrong shape, or the JSON literal <c>null</c>.</exception>
    public static T Deserialize<T>(JsonElement element) => NotNull(element.Deserialize(GetTypeInfo<T>()));

    /// <exception cref="JsonException">A wrong shape.</exception>
    public static T Deserialize<T>(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return NotNull(node.Deserialize(GetTypeInfo<T>()));
    }

    /// <exception cref="JsonException">Malformed JSON, a wrong shape, or the JSON literal <c>null</c>.</exception>
    public static async ValueTask<T> DeserializeAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default) =>
        NotNull(await JsonSerializer.DeserializeAsync(utf8Json, GetTypeInfo<T>(), cancellationToken).ConfigureAwait(false));

    private static T NotNull<T>(T? value) =>
        value ?? throw new JsonException($"expected a {typeof(T).Name}, found null");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(KubernetesJsonContext.Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
