using System.Security.Cryptography.X509Certificates;

namespace HomeCall.Daemon.Tests.TestSupport;

/// <summary>A throwaway certificate for 127.0.0.1/localhost made with openssl, as an admin would for a first test.</summary>
internal sealed class SelfSignedCertificate
{
    private SelfSignedCertificate(string certificatePath, string keyPath, string thumbprint)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Thumbprint = thumbprint;
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public string Thumbprint { get; }

    public static async Task<SelfSignedCertificate> CreateAsync(string directory)
    {
        var openssl = SystemTools.Require("openssl", "openssl");
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        var result = await ProcessRunner.RunAsync(openssl, [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-addext", "basicConstraints=critical,CA:FALSE"]);
        Assert.That(result.ExitCode, Is.Zero, "openssl req failed: " + result.Output);
        using var loaded = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(cert));
        return new SelfSignedCertificate(cert, key, loaded.Thumbprint);
    }

    /// <summary>Accepts exactly this certificate (RemoteCertificateValidationCallback).</summary>
    public bool Matches(X509Certificate? presented) =>
        presented is not null && string.Equals(presented.GetCertHashString(), Thumbprint, StringComparison.OrdinalIgnoreCase);
}
