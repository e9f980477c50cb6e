# A throwaway code-signing certificate for the signing tests: a test CA and a code-signing certificate it issued,
# made in memory and written to a test folder only (never committed). Windows PowerShell 5.1 syntax and .NET
# Framework 4.7.2 APIs only: the Windows CI job trusts it for the AllSigned import.
Set-StrictMode -Version 3.0

function New-TestCodeSigningCertificate([Parameter(Mandatory)] [string] $Folder) {
    $now = [DateTimeOffset]::UtcNow
    $sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
    $pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1

    $caKey = [System.Security.Cryptography.RSA]::Create(2048)
    $caRequest = New-Object System.Security.Cryptography.X509Certificates.CertificateRequest -ArgumentList 'CN=HyprAuth Test CA (throwaway)', $caKey,
        $sha256, $pkcs1
    $caRequest.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension -ArgumentList $true,
        $false, 0, $true))
    $caRequest.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509KeyUsageExtension `
        -ArgumentList ([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]'KeyCertSign, CrlSign'), $true))
    $caRequest.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension `
        -ArgumentList $caRequest.PublicKey, $false))
    $ca = $caRequest.CreateSelfSigned($now.AddDays(-1), $now.AddDays(2))

    $key = [System.Security.Cryptography.RSA]::Create(2048)
    $request = New-Object System.Security.Cryptography.X509Certificates.CertificateRequest -ArgumentList 'CN=HyprAuth Test Signer (throwaway)', $key,
        $sha256, $pkcs1
    $request.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension -ArgumentList $false,
        $false, 0, $true))
    $request.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509KeyUsageExtension `
        -ArgumentList ([System.Security.Cryptography.X509Certificates.X509KeyUsageFlags]::DigitalSignature), $true))
    $usages = New-Object System.Security.Cryptography.OidCollection
    [void]$usages.Add((New-Object System.Security.Cryptography.Oid -ArgumentList '1.3.6.1.5.5.7.3.3'))   # code signing
    $request.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension -ArgumentList $usages,
        $false))
    $request.CertificateExtensions.Add((New-Object System.Security.Cryptography.X509Certificates.X509SubjectKeyIdentifierExtension `
        -ArgumentList $request.PublicKey, $false))
    $serial = New-Object byte[] 16
    $random = [System.Security.Cryptography.RandomNumberGenerator]::Create()
    try { $random.GetBytes($serial) } finally { $random.Dispose() }
    $serial[0] = $serial[0] -band 0x7F   # a positive serial number
    $issued = $request.Create($ca, $now.AddHours(-1), $now.AddDays(1), $serial)
    $signer = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::CopyWithPrivateKey($issued, $key)

    # A random password, handed back as a SecureString only.
    $password = New-Object System.Security.SecureString
    foreach ($character in [guid]::NewGuid().ToString('N').ToCharArray()) { $password.AppendChar($character) }
    $password.MakeReadOnly()
    $pfxPath = Join-Path $Folder 'test-signer.pfx'
    $caPath = Join-Path $Folder 'test-ca.pem'
    $caCerPath = Join-Path $Folder 'test-ca.cer'
    $signerCerPath = Join-Path $Folder 'test-signer.cer'
    $pfx = [System.Security.Cryptography.X509Certificates.X509ContentType]::Pfx
    $cert = [System.Security.Cryptography.X509Certificates.X509ContentType]::Cert
    [System.IO.File]::WriteAllBytes($pfxPath, $signer.Export($pfx, [System.Net.NetworkCredential]::new('', $password).Password))
    [System.IO.File]::WriteAllBytes($caCerPath, $ca.Export($cert))
    [System.IO.File]::WriteAllBytes($signerCerPath, $signer.Export($cert))
    $pem = "-----BEGIN CERTIFICATE-----`n" + [Convert]::ToBase64String($ca.Export($cert), 'InsertLineBreaks') + "`n-----END CERTIFICATE-----`n"
    [System.IO.File]::WriteAllText($caPath, $pem)

    return [pscustomobject]@{
        PfxPath       = $pfxPath
        Password      = $password
        CaPemPath     = $caPath
        CaCerPath     = $caCerPath
        SignerCerPath = $signerCerPath
        Thumbprint    = $signer.Thumbprint
    }
}

Export-ModuleMember -Function New-TestCodeSigningCertificate
