using System.Text;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Reads a PEM given either inline as <c>*-data</c> (base64 of the PEM, which wins) or as a file path.</summary>
internal static class KubeconfigPemReader
{
    public static KubeconfigPem? Read(KubeconfigEntryLocation location, string dataField, string? data, string fileField, string? file)
    {
        if (!string.IsNullOrEmpty(data))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(data);
            }
            catch (FormatException)
            {
                throw location.Fail(dataField, "is not valid base64 (it must hold the base64 encoding of a PEM file)");
            }

            return new KubeconfigPem(Encoding.UTF8.GetString(bytes), dataField);
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        var path = location.ResolvePath(file);
        try
        {
            return new KubeconfigPem(File.ReadAllText(path), fileField);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw location.Fail(fileField, $"cannot read {path}: {e.Message}", e);
        }
    }
}
