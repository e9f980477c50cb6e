# New-HyprClientAssertion and Test-HyprClientAssertion on the built module, against the emulator.
# The JWTs are decoded and verified here with plain .NET, independently of the module's own code.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:command = 'HyprAuth.Commands.NewHyprClientAssertionCommand'

    # The three parts of a compact JWT: header and claims as ordered hashtables (from the JSON text itself), the raw signature.
    function Split-Jwt([string] $Jwt) {
        $parts = $Jwt.Split('.')
        [pscustomobject]@{
            HeaderJson = [Text.Encoding]::UTF8.GetString((ConvertFrom-Base64Url $parts[0]))
            ClaimsJson = [Text.Encoding]::UTF8.GetString((ConvertFrom-Base64Url $parts[1]))
            Header     = [Text.Encoding]::UTF8.GetString((ConvertFrom-Base64Url $parts[0])) | ConvertFrom-Json -AsHashtable
            Claims     = [Text.Encoding]::UTF8.GetString((ConvertFrom-Base64Url $parts[1])) | ConvertFrom-Json -AsHashtable
            Signature  = ConvertFrom-Base64Url $parts[2]
            Input      = $parts[0] + '.' + $parts[1]
        }
    }

    function New-EcdsaFromPkcs8([string] $Base64) {
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
        $read = 0
        $ecdsa.ImportPkcs8PrivateKey([Convert]::FromBase64String($Base64), [ref] $read)
        return $ecdsa
    }

    function New-EcdsaFromJwk($Jwk) {
        $parameters = [System.Security.Cryptography.ECParameters]::new()
        $parameters.Curve = [System.Security.Cryptography.ECCurve+NamedCurves]::nistP256
        $point = [System.Security.Cryptography.ECPoint]::new()
        $point.X = ConvertFrom-Base64Url $Jwk.x
        $point.Y = ConvertFrom-Base64Url $Jwk.y
        $parameters.Q = $point
        return [System.Security.Cryptography.ECDsa]::Create($parameters)
    }

    # ES256 as RFC 7515 says: signature = R||S over ASCII(header.claims). .NET's default format is exactly that (IEEE P1363).
    function Test-Es256([string] $Jwt, $Jwk) {
        $parsed = Split-Jwt $Jwt
        $ecdsa = New-EcdsaFromJwk $Jwk
        try { return $ecdsa.VerifyData([Text.Encoding]::ASCII.GetBytes($parsed.Input), $parsed.Signature,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256) }
        finally { $ecdsa.Dispose() }
    }

    # Signs a JWT of our own making with the client key, to craft expired or otherwise wrong assertions the cmdlet refuses to make.
    function New-CraftedJwt([string] $ClientKey, [System.Collections.IDictionary] $Header, [System.Collections.IDictionary] $Claims) {
        $ecdsa = New-EcdsaFromPkcs8 $ClientKey
        try {
            $signingInput = (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes(($Header | ConvertTo-Json -Compress)))) + '.' +
                (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes(($Claims | ConvertTo-Json -Compress))))
            $signature = $ecdsa.SignData([Text.Encoding]::ASCII.GetBytes($signingInput), [System.Security.Cryptography.HashAlgorithmName]::SHA256)
            return $signingInput + '.' + (ConvertTo-Base64Url $signature)
        }
        finally { $ecdsa.Dispose() }
    }

    # RFC 7638 thumbprint of an EC public key: SHA-256 of {"crv","kty","x","y"} in that order, no spaces.
    function Get-JwkThumbprint($Jwk) {
        $canonical = '{"crv":"' + $Jwk.crv + '","kty":"' + $Jwk.kty + '","x":"' + $Jwk.x + '","y":"' + $Jwk.y + '"}'
        return ConvertTo-Base64Url ([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($canonical)))
    }

    function Get-Exchanges([string] $ClientId) {
        $counters = Get-EmulatorCounters $emulator
        $value = $counters.exchanges.PSObject.Properties[$ClientId]
        if ($value) { return [int]$value.Value } else { return 0 }
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'New-HyprClientAssertion: the object and the JWT' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
        $before = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey
        $after = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $jwt = Split-Jwt $assertion.Jwt
    }

    It 'returns one HyprClientAssertion with exactly the documented properties' {
        @($assertion).Count | Should -Be 1
        $assertion | Should -BeOfType ([HyprAuth.HyprClientAssertion])
        $assertion.PSObject.Properties.Name | Sort-Object |
            Should -Be (@('Jwt', 'ClientId', 'KeyId', 'JwtId', 'Issuer', 'Audience', 'IssuedAt', 'NotBefore', 'ExpiresAt', 'Header', 'Claims') |
                Sort-Object)
        $assertion.ClientId | Should -BeExactly $client.clientId
        $assertion.Issuer | Should -BeExactly 'https://hypr.com'
        $assertion.Audience | Should -BeExactly 'https://hypr.com'
    }

    It 'writes the header exactly: alg ES256, typ JWT, kid the RFC 7638 thumbprint of the public key' {
        $jwt.HeaderJson | Should -BeExactly ('{"alg":"ES256","typ":"JWT","kid":"' + (Get-JwkThumbprint $client.publicJwk) + '"}')
        $assertion.KeyId | Should -BeExactly (Get-JwkThumbprint $client.publicJwk)
    }

    It 'writes exactly the claims iss, sub, aud (a string), jti (a UUID), exp, iat and nbf' {
        @($jwt.Claims.Keys) | Should -Be @('iss', 'sub', 'aud', 'jti', 'exp', 'iat', 'nbf')
        $jwt.Claims.iss | Should -BeExactly 'https://hypr.com'
        $jwt.Claims.sub | Should -BeExactly $client.clientId
        $jwt.Claims.aud | Should -BeOfType ([string])
        $jwt.Claims.aud | Should -BeExactly 'https://hypr.com'
        [guid]::Parse($jwt.Claims.jti) | Should -Not -Be ([guid]::Empty)
        $jwt.Claims.jti | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'
        $jwt.Claims.iat | Should -BeOfType ([long])
        $jwt.Claims.iat | Should -BeGreaterOrEqual $before
        $jwt.Claims.iat | Should -BeLessOrEqual $after
        $jwt.Claims.nbf | Should -Be $jwt.Claims.iat
        ($jwt.Claims.exp - $jwt.Claims.iat) | Should -Be 300 -Because 'the default lifetime is 5 minutes, as HYPR recommends'
    }

    It 'has properties that match the JWT: JwtId, KeyId and UTC times' {
        $assertion.JwtId | Should -BeExactly $jwt.Claims.jti
        $assertion.KeyId | Should -BeExactly $jwt.Header.kid
        $assertion.IssuedAt.Kind | Should -Be 'Utc'
        $assertion.ExpiresAt.Kind | Should -Be 'Utc'
        ([DateTimeOffset]$assertion.IssuedAt).ToUnixTimeSeconds() | Should -Be $jwt.Claims.iat
        ([DateTimeOffset]$assertion.NotBefore).ToUnixTimeSeconds() | Should -Be $jwt.Claims.nbf
        ([DateTimeOffset]$assertion.ExpiresAt).ToUnixTimeSeconds() | Should -Be $jwt.Claims.exp
    }

    It 'has read-only Header and Claims equal to what the JWT holds' {
        @($assertion.Header.Keys) | Should -Be @('alg', 'typ', 'kid')
        foreach ($name in $jwt.Header.Keys) { $assertion.Header[$name] | Should -Be $jwt.Header[$name] }
        @($assertion.Claims.Keys) | Should -Be @($jwt.Claims.Keys)
        foreach ($name in $jwt.Claims.Keys) { $assertion.Claims[$name] | Should -Be $jwt.Claims[$name] }
        { $assertion.Claims['sub'] = 'someone-else' } | Should -Throw
        { $assertion.Header['alg'] = 'none' } | Should -Throw
        $assertion.Claims['sub'] | Should -BeExactly $client.clientId
    }

    It 'signs with ES256: a 64-byte R||S signature that verifies against the registered public key (plain .NET)' {
        $jwt.Signature.Length | Should -Be 64
        Test-Es256 $assertion.Jwt $client.publicJwk | Should -BeTrue
        $other = New-EmulatorClient $emulator @{}
        Test-Es256 $assertion.Jwt $other.publicJwk | Should -BeFalse
    }

    It 'uses a new jti for every assertion' {
        $ids = 1..25 | ForEach-Object { (New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey).JwtId }
        @($ids | Sort-Object -Unique).Count | Should -Be 25
    }

    It 'ToString() is the compact JWT, so the object can be handed to other tools' {
        $assertion.ToString() | Should -BeExactly $assertion.Jwt
        "$assertion" | Should -BeExactly $assertion.Jwt
        $assertion.Jwt | Should -Match '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
    }

    It 'shows claims and expiry in its default view, with the JWT shortened' {
        $view = $assertion | Out-String -Width 400
        $view | Should -Match ([regex]::Escape($assertion.ClientId))
        $view | Should -Match ([regex]::Escape($assertion.JwtId))
        $view | Should -Match ([regex]::Escape($assertion.ExpiresAt.ToString('u')))
        $view | Should -Match ([regex]::Escape($assertion.Jwt.Substring(0, 24) + '…'))
        $view.Contains($assertion.Jwt) | Should -BeFalse
        $view.Contains($assertion.Jwt.Split('.')[2]) | Should -BeFalse -Because 'the signature is not shown'
        $view.Contains($assertion.Jwt.Split('.')[1]) | Should -BeFalse -Because 'the encoded claims are not shown'
    }

    It 'takes -KeyId, -Issuer and -Audience (and their aliases -kid, -iss, -aud)' -ForEach @(
        @{ Names = 'full' }
        @{ Names = 'alias' }
    ) {
        $parameters = if ($Names -eq 'full') {
            @{
                ClientId = $client.clientId
                ClientKey = $client.clientKey
                KeyId = 'key-2024'
                Issuer = 'https://idp.example.com'
                Audience = 'https://api.example.com'
            }
        } else {
            @{
                sub = $client.clientId
                keybase64 = $client.clientKey
                kid = 'key-2024'
                iss = 'https://idp.example.com'
                aud = 'https://api.example.com'
            }
        }
        $custom = New-HyprClientAssertion @parameters
        $parts = Split-Jwt $custom.Jwt
        $parts.Header.kid | Should -BeExactly 'key-2024'
        $parts.Claims.iss | Should -BeExactly 'https://idp.example.com'
        $parts.Claims.aud | Should -BeExactly 'https://api.example.com'
        $custom.KeyId | Should -BeExactly 'key-2024'
        $custom.Issuer | Should -BeExactly 'https://idp.example.com'
        $custom.Audience | Should -BeExactly 'https://api.example.com'
        Test-Es256 $custom.Jwt $client.publicJwk | Should -BeTrue
    }
}

Describe 'New-HyprClientAssertion: every form of the same key' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
        $ecdsa = New-EcdsaFromPkcs8 $client.clientKey
        $private = $ecdsa.ExportParameters($true)
        $jwk = [ordered]@{
            kty = 'EC'
            crv = 'P-256'
            x = ConvertTo-Base64Url $private.Q.X
            y = ConvertTo-Base64Url $private.Q.Y
            d = ConvertTo-Base64Url $private.D
        } | ConvertTo-Json -Compress
        $forms = @{
            'base64 PKCS#8 (the Client key)'   = $client.clientKey
            'base64 with line breaks'          = ($client.clientKey -replace '(.{20})', "`$1`n  ")
            'base64url'                        = $client.clientKey.TrimEnd('=').Replace('+', '-').Replace('/', '_')
            'PEM PRIVATE KEY'                  = $ecdsa.ExportPkcs8PrivateKeyPem()
            'PEM EC PRIVATE KEY'               = $ecdsa.ExportECPrivateKeyPem()
            'EC JWK with d'                    = $jwk
            'SecureString'                     = (ConvertTo-SecureString $client.clientKey -AsPlainText -Force)
        }
        $ecdsa.Dispose()
        $expectedKid = Get-JwkThumbprint $client.publicJwk
    }

    It 'signs with <_>' -ForEach @('base64 PKCS#8 (the Client key)', 'base64 with line breaks', 'base64url', 'PEM PRIVATE KEY', 'PEM EC PRIVATE KEY',
        'EC JWK with d', 'SecureString') {
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $forms[$_]
        $assertion.KeyId | Should -BeExactly $expectedKid -Because 'the default kid is the key thumbprint, whatever the form'
        Test-Es256 $assertion.Jwt $client.publicJwk | Should -BeTrue
    }

    It 'signs with a key file (-KeyPath), PEM or the bare Client key' -ForEach @('pem', 'base64') {
        $path = Join-Path $TestDrive "client-$_.key"
        Set-Content -LiteralPath $path -Value $(if ($_ -eq 'pem') { $forms['PEM PRIVATE KEY'] } else { $client.clientKey }) -NoNewline
        Set-KeyFileOwnerOnly $path
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -KeyPath $path
        $assertion.KeyId | Should -BeExactly $expectedKid
        Test-Es256 $assertion.Jwt $client.publicJwk | Should -BeTrue
    }

    It "imports and signs with the example key of HYPR's documentation" {
        $seedKey = 'MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCCRAVkCsog/IXLcUxrMrlaijsSQhzZTEZzagSivhmpw5A=='
        $first = New-HyprClientAssertion -sub 'hypap-0a2c1e47c4b9dummy' -keybase64 $seedKey
        $second = New-HyprClientAssertion -sub 'hypap-0a2c1e47c4b9dummy' -keybase64 $seedKey
        $first.Claims['sub'] | Should -BeExactly 'hypap-0a2c1e47c4b9dummy'
        $first.KeyId | Should -BeExactly $second.KeyId -Because 'the default kid is stable for a key'
        $first.KeyId | Should -Match '^[A-Za-z0-9_-]{43}$'
        $first.JwtId | Should -Not -Be $second.JwtId
        (Split-Jwt $first.Jwt).Signature.Length | Should -Be 64
    }
}

Describe 'New-HyprClientAssertion: the JWTCreator-style call and -OutFile' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
    }

    It 'New-HyprClientAssertion -sub ID -keybase64 KEY -exp UNIXSECONDS -out FILE writes the JWT and nothing else' {
        $file = Join-Path $TestDrive 'jwtcreator.jwt'
        $exp = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 600
        $output = New-HyprClientAssertion -sub $client.clientId -keybase64 $client.clientKey -exp $exp -out $file
        $output | Should -BeNullOrEmpty
        $bytes = [IO.File]::ReadAllBytes($file)
        $bytes[0..2] | Should -Not -Be @(0xEF, 0xBB, 0xBF) -Because 'the file is UTF-8 without a BOM'
        $text = [Text.Encoding]::UTF8.GetString($bytes)
        $text | Should -Match '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$' -Because 'the file holds the compact JWT only, no newline'
        $claims = (Split-Jwt $text).Claims
        $claims.exp | Should -Be $exp
        $claims.sub | Should -BeExactly $client.clientId
        Test-Es256 $text $client.publicJwk | Should -BeTrue
    }

    It 'makes the file readable by its owner only (mode 600)' -Skip:($IsWindows) {
        $file = Join-Path $TestDrive 'private.jwt'
        New-HyprClientAssertion -sub $client.clientId -keybase64 $client.clientKey -out $file
        (Get-Item $file).UnixMode | Should -BeExactly '-rw-------'
    }

    It 'restricts an existing world-readable file it overwrites' -Skip:($IsWindows) {
        $file = Join-Path $TestDrive 'existing.jwt'
        Set-Content -LiteralPath $file -Value 'old content that is longer than nothing'
        chmod 644 $file
        (Get-Item $file).UnixMode | Should -BeExactly '-rw-r--r--'
        New-HyprClientAssertion -sub $client.clientId -keybase64 $client.clientKey -out $file
        (Get-Item $file).UnixMode | Should -BeExactly '-rw-------'
        Get-Content -LiteralPath $file -Raw | Should -Match '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
    }

    It 'takes -exp as <Kind>' -ForEach @(
        @{ Kind = 'Unix seconds (Int64)'; Make = { param($t) [long]$t.ToUnixTimeSeconds() } }
        @{ Kind = 'Unix seconds as text, as a shell passes them'; Make = { param($t) [string]$t.ToUnixTimeSeconds() } }
        @{ Kind = 'a DateTimeOffset'; Make = { param($t) $t } }
        @{ Kind = 'a local DateTime'; Make = { param($t) $t.LocalDateTime } }
        @{ Kind = 'a UTC DateTime'; Make = { param($t) $t.UtcDateTime } }
    ) {
        $when = [DateTimeOffset]::FromUnixTimeSeconds([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 420)
        $assertion = New-HyprClientAssertion -sub $client.clientId -keybase64 $client.clientKey -exp (& $Make $when)
        $assertion.Claims['exp'] | Should -Be $when.ToUnixTimeSeconds()
    }

    It '-PassThru with -OutFile also returns the object, whose JWT is the file''s content' {
        $file = Join-Path $TestDrive 'passthru.jwt'
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -OutFile $file -PassThru
        $assertion | Should -BeOfType ([HyprAuth.HyprClientAssertion])
        [IO.File]::ReadAllText($file) | Should -BeExactly $assertion.Jwt
    }

    It '-WhatIf with -OutFile writes no file' {
        $file = Join-Path $TestDrive 'whatif.jwt'
        Invoke-WithoutHost New-HyprClientAssertion @{ ClientId = $client.clientId; ClientKey = $client.clientKey; OutFile = $file; WhatIf = $true }
        $file | Should -Not -Exist
    }

    It 'writes a file the emulator accepts as client_assertion' {
        $file = Join-Path $TestDrive 'exchange.jwt'
        New-HyprClientAssertion -sub $client.clientId -keybase64 $client.clientKey -exp ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() +
            300) -out $file
        $token = Get-HyprAccessToken -TenantUri $tenant -Assertion (Get-Content -LiteralPath $file -Raw)
        $token.ClientId | Should -BeExactly $client.clientId
        Get-Exchanges $client.clientId | Should -Be 1
    }
}

Describe 'New-HyprClientAssertion: pipeline input by property name' {
    BeforeAll {
        $first = New-EmulatorClient $emulator @{}
        $second = New-EmulatorClient $emulator @{}
    }

    It 'signs one assertion per object with ClientId and ClientKey properties' {
        $assertions = @(
            [pscustomobject]@{ ClientId = $first.clientId; ClientKey = $first.clientKey }
            [pscustomobject]@{ ClientId = $second.clientId; ClientKey = $second.clientKey; KeyId = 'piped-kid' }
        ) | New-HyprClientAssertion
        $assertions.Count | Should -Be 2
        $assertions[0].ClientId | Should -BeExactly $first.clientId
        Test-Es256 $assertions[0].Jwt $first.publicJwk | Should -BeTrue
        $assertions[1].ClientId | Should -BeExactly $second.clientId
        $assertions[1].KeyId | Should -BeExactly 'piped-kid'
        Test-Es256 $assertions[1].Jwt $second.publicJwk | Should -BeTrue
    }

    It 'binds KeyPath by property name, and HYPR-style names through the aliases' {
        $path = Join-Path $TestDrive 'piped.key'
        Set-Content -LiteralPath $path -Value $first.clientKey -NoNewline
        Set-KeyFileOwnerOnly $path
        $fromFile = [pscustomobject]@{ ClientId = $first.clientId; KeyPath = $path } | New-HyprClientAssertion
        Test-Es256 $fromFile.Jwt $first.publicJwk | Should -BeTrue
        $fromAliases = [pscustomobject]@{ sub = $second.clientId; keybase64 = $second.clientKey } | New-HyprClientAssertion
        $fromAliases.ClientId | Should -BeExactly $second.clientId
    }

    It 'reports a bad item and goes on with the rest' {
        $err = $null
        $assertions = @(
            [pscustomobject]@{ ClientId = $first.clientId; ClientKey = $first.clientKey }
            [pscustomobject]@{ ClientId = 'hypap-broken'; ClientKey = 'not a key at all!' }
            [pscustomobject]@{ ClientId = $second.clientId; ClientKey = $second.clientKey }
        ) | New-HyprClientAssertion -ErrorVariable err -ErrorAction SilentlyContinue
        @($assertions).Count | Should -Be 2
        $assertions.ClientId | Should -Be @($first.clientId, $second.clientId)
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "ClientKeyNotBase64,$command"
        $err[0].TargetObject | Should -BeExactly 'hypap-broken'
    }
}

Describe 'New-HyprClientAssertion: lifetime and expiry' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
    }

    It 'takes -Lifetime and does not warn up to an hour' -ForEach @(@{ Minutes = 10 }, @{ Minutes = 60 }) {
        $warnings = $null
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime ([TimeSpan]::FromMinutes($Minutes)) `
            -WarningVariable warnings
        ($assertion.Claims['exp'] - $assertion.Claims['iat']) | Should -Be ($Minutes * 60)
        $warnings | Should -BeNullOrEmpty
    }

    It 'warns, citing HYPR''s advice, when the lifetime is over an hour, and still signs' {
        $warnings = $null
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -Lifetime '02:00:00' -WarningVariable warnings `
            -WarningAction SilentlyContinue
        ($assertion.Claims['exp'] - $assertion.Claims['iat']) | Should -Be 7200
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match '120 minutes'
        "$($warnings[0])" | Should -Match 'HYPR recommends'
        "$($warnings[0])" | Should -Match '5-10 minutes'
    }

    It 'warns as well when -ExpiresAt is more than an hour away (and the warning goes to the warning stream only)' {
        $all = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -ExpiresAt ([DateTimeOffset]::UtcNow.AddHours(6)) 3>&1
        $warning = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $objects = @($all | Where-Object { $_ -is [HyprAuth.HyprClientAssertion] })
        $warning.Count | Should -Be 1
        $objects.Count | Should -Be 1
    }

    It 'refuses <Case> with <ErrorId>, and writes nothing else' -ForEach @(
        @{ Case = 'an expiry in the past'; ErrorId = 'InvalidExpiresAt'; Parameters = { @{ ExpiresAt = [DateTimeOffset]::UtcNow.AddMinutes(-5) } } }
        @{
            Case = 'an expiry in the past as Unix seconds'
            ErrorId = 'InvalidExpiresAt'
            Parameters = { @{ ExpiresAt = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() - 60 } }
        }
        @{ Case = 'an expiry of now'; ErrorId = 'InvalidExpiresAt'; Parameters = { @{ ExpiresAt = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() } } }
        @{ Case = 'an expiry that is no time'; ErrorId = 'InvalidExpiresAt'; Parameters = { @{ ExpiresAt = 'next tuesday-ish' } } }
        @{ Case = 'a zero lifetime'; ErrorId = 'InvalidLifetime'; Parameters = { @{ Lifetime = [TimeSpan]::Zero } } }
        @{ Case = 'a negative lifetime'; ErrorId = 'InvalidLifetime'; Parameters = { @{ Lifetime = [TimeSpan]::FromMinutes(-5) } } }
        @{
            Case = 'both -Lifetime and -ExpiresAt'
            ErrorId = 'InvalidExpiresAt'
            Parameters = { @{ Lifetime = [TimeSpan]::FromMinutes(5); ExpiresAt = [DateTimeOffset]::UtcNow.AddMinutes(5) } }
        }
    ) {
        $err = $null
        $extra = & $Parameters
        $output = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey @extra -ErrorVariable err `
            -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeExactly "$ErrorId,$command"
        $err[0].Exception | Should -BeOfType ([HyprAuth.HyprException])
        $err[0].Exception.ErrorId | Should -BeExactly $ErrorId
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Find-Secret (Get-ErrorText $err[0]) $client.clientKey | Should -BeNullOrEmpty
    }
}

Describe 'New-HyprClientAssertion: refused input' {
    It 'refuses an empty -ClientId before touching the key' {
        { New-HyprClientAssertion -ClientId '' -ClientKey 'whatever' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'The emulator accepts the assertions' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
    }

    It 'exchanges an assertion given as <Form>' -ForEach @(
        @{ Form = 'the object' }
        @{ Form = 'the JWT string' }
        @{ Form = 'the object, piped' }
        @{ Form = 'an assertion with a kid of our choosing' }
    ) {
        $before = Get-Exchanges $client.clientId
        $token = switch ($Form) {
            'the object' { Get-HyprAccessToken -TenantUri $tenant -Assertion (New-HyprClientAssertion $client.clientId $client.clientKey) }
            'the JWT string' { Get-HyprAccessToken -TenantUri $tenant -Assertion (New-HyprClientAssertion $client.clientId $client.clientKey).Jwt }
            'the object, piped' { New-HyprClientAssertion $client.clientId $client.clientKey | Get-HyprAccessToken -TenantUri $tenant }
            default { Get-HyprAccessToken -TenantUri $tenant `
                -Assertion (New-HyprClientAssertion $client.clientId $client.clientKey -KeyId 'any-kid-at-all') }
        }
        $token | Should -BeOfType ([HyprAuth.HyprAccessToken])
        $token.ClientId | Should -BeExactly $client.clientId
        $token.FromCache | Should -BeFalse
        Get-Exchanges $client.clientId | Should -Be ($before + 1)
    }

    It 'refuses an assertion for another audience with 1201047 (the emulator checks independently)' {
        $assertion = New-HyprClientAssertion $client.clientId $client.clientKey -Audience 'https://not-hypr.example.com'
        $failure = { Get-HyprAccessToken -TenantUri $tenant -Assertion $assertion } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeExactly 'HyprInvalidTokenExchange,HyprAuth.Commands.GetHyprAccessTokenCommand'
        $failure.Exception.Message | Should -Match 'aud'
    }
}

Describe 'Test-HyprClientAssertion' {
    BeforeAll {
        $client = New-EmulatorClient $emulator @{}
        $other = New-EmulatorClient $emulator @{}
        $publicJwk = $client.publicJwk | ConvertTo-Json -Compress
        $good = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey
        $checkNames =
            @('Format', 'Algorithm', 'Type', 'KeyId', 'Issuer', 'Audience', 'Subject', 'JwtId', 'Expiry', 'NotBefore', 'IssuedAt', 'Lifetime',
                'Signature', 'KeyIdMatchesKey')
        $kid = Get-JwkThumbprint $client.publicJwk

        function New-Claims([long] $IssuedAt, [long] $ExpiresAt, [string] $Audience = 'https://hypr.com') {
            [ordered]@{
                iss = 'https://hypr.com'
                sub = $client.clientId
                aud = $Audience
                jti = [guid]::NewGuid().ToString()
                exp = $ExpiresAt
                iat = $IssuedAt
                nbf = $IssuedAt
            }
        }

        function Get-FailedChecks($Jwt, [hashtable] $Key) {
            @(Test-HyprClientAssertion -Jwt $Jwt @Key | Where-Object { -not $_.Passed } | ForEach-Object Check)
        }
    }

    It 'passes a good assertion on every check, with -<Name>' -ForEach @(
        @{ Name = 'PublicKey' }
        @{ Name = 'ClientKey' }
        @{ Name = 'KeyPath' }
    ) {
        $key = switch ($Name) {
            'PublicKey' { @{ PublicKey = $publicJwk } }
            'ClientKey' { @{ ClientKey = $client.clientKey } }
            'KeyPath' {
                $path = Join-Path $TestDrive 'test.key'
                Set-Content -LiteralPath $path -Value $client.clientKey -NoNewline
                Set-KeyFileOwnerOnly $path
                @{ KeyPath = $path }
            }
        }
        $checks = Test-HyprClientAssertion -Jwt $good @key -ClientId $client.clientId
        $checks | Should -BeOfType ([HyprAuth.HyprAssertionCheck])
        $checks.Check | Should -Be $checkNames
        $checks | Where-Object { -not $_.Passed } | Should -BeNullOrEmpty
        ($checks | Where-Object Check -EQ 'Signature').Detail | Should -Match $kid
    }

    It '-Quiet gives one [bool]: $true for a good assertion (as object, JWT string or piped)' {
        $result = Test-HyprClientAssertion -Assertion $good -PublicKey $publicJwk -Quiet
        $result | Should -BeOfType ([bool])
        $result | Should -BeTrue
        Test-HyprClientAssertion -Jwt $good.Jwt -PublicKey $publicJwk -Quiet | Should -BeTrue
        $piped = @($good, (New-HyprClientAssertion $client.clientId $client.clientKey)) | Test-HyprClientAssertion -PublicKey $publicJwk -Quiet
        $piped | Should -Be @($true, $true)
    }

    It 'names the failing check for <Case>' -ForEach @(
        @{ Case = 'tampered claims (another sub, same signature)'; Failed = @('Signature') }
        @{ Case = 'a flipped signature byte'; Failed = @('Signature') }
        @{ Case = 'another client''s key'; Failed = @('Signature', 'KeyIdMatchesKey') }
        @{ Case = 'an expired assertion'; Failed = @('Expiry') }
        @{ Case = 'another audience'; Failed = @('Audience') }
        @{ Case = 'an audience array'; Failed = @('Audience') }
        @{ Case = 'a lifetime over an hour'; Failed = @('Lifetime') }
        @{ Case = 'a not-before in the future'; Failed = @('NotBefore', 'IssuedAt') }
        @{ Case = 'alg HS256'; Failed = @('Algorithm') }
        @{ Case = 'no kid'; Failed = @('KeyId') }
        @{ Case = 'not a JWT'; Failed = @('Format') }
    ) {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $header = [ordered]@{ alg = 'ES256'; typ = 'JWT'; kid = $kid }
        $key = @{ PublicKey = $publicJwk }
        $jwt = switch ($Case) {
            'tampered claims (another sub, same signature)' {
                $parts = $good.Jwt.Split('.')
                $claims = (Split-Jwt $good.Jwt).ClaimsJson.Replace($client.clientId, $other.clientId)
                $parts[0] + '.' + (ConvertTo-Base64Url ([Text.Encoding]::UTF8.GetBytes($claims))) + '.' + $parts[2]
            }
            'a flipped signature byte' {
                $parts = $good.Jwt.Split('.')
                $signature = ConvertFrom-Base64Url $parts[2]
                $signature[10] = $signature[10] -bxor 0x01
                $parts[0] + '.' + $parts[1] + '.' + (ConvertTo-Base64Url $signature)
            }
            'another client''s key' { $key = @{ PublicKey = ($other.publicJwk | ConvertTo-Json -Compress) }; $good.Jwt }
            'an expired assertion' { New-CraftedJwt $client.clientKey $header (New-Claims ($now - 900) ($now - 600)) }
            'another audience' { (New-HyprClientAssertion $client.clientId $client.clientKey -Audience 'https://elsewhere.example.com').Jwt }
            'an audience array' {
                $claims = New-Claims $now ($now + 300)
                $claims.aud = @('https://hypr.com')
                New-CraftedJwt $client.clientKey $header $claims
            }
            'a lifetime over an hour' { (New-HyprClientAssertion $client.clientId $client.clientKey -Lifetime '03:00:00' `
                -WarningAction SilentlyContinue).Jwt }
            'a not-before in the future' { New-CraftedJwt $client.clientKey $header (New-Claims ($now + 600) ($now + 900)) }
            'alg HS256' { New-CraftedJwt $client.clientKey ([ordered]@{ alg = 'HS256'; typ = 'JWT'; kid = $kid }) (New-Claims $now ($now + 300)) }
            'no kid' { New-CraftedJwt $client.clientKey ([ordered]@{ alg = 'ES256'; typ = 'JWT' }) (New-Claims $now ($now + 300)) }
            'not a JWT' { 'this.is-not' }
        }
        $failed = Get-FailedChecks $jwt $key
        foreach ($name in $Failed) { $failed | Should -Contain $name }
        $failed | Where-Object { $_ -notin $Failed -and $_ -notin @('Algorithm', 'Signature', 'KeyIdMatchesKey') } |
            Should -BeNullOrEmpty -Because 'only the broken part fails'
        Test-HyprClientAssertion -Jwt $jwt @key -Quiet | Should -BeFalse
    }

    It 'says what is wrong in the failing check''s detail (expired: when; audience: both values)' {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $expired = New-CraftedJwt $client.clientKey ([ordered]@{ alg = 'ES256'; typ = 'JWT'; kid = $kid }) (New-Claims ($now - 900) ($now - 600))
        $expiry = Test-HyprClientAssertion -Jwt $expired -PublicKey $publicJwk | Where-Object Check -EQ 'Expiry'
        $expiry.Passed | Should -BeFalse
        $expiry.Detail | Should -Match 'expired'
        $audience = Test-HyprClientAssertion `
            -Jwt (New-HyprClientAssertion $client.clientId $client.clientKey -Audience 'https://elsewhere.example.com') -PublicKey $publicJwk |
            Where-Object Check -EQ 'Audience'
        $audience.Detail | Should -Match 'elsewhere\.example\.com'
        $audience.Detail | Should -Match 'https://hypr\.com'
    }

    It 'an assertion signed with plain .NET (not the module) passes, and the emulator takes it too' {
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $jwt = New-CraftedJwt $client.clientKey ([ordered]@{ alg = 'ES256'; typ = 'JWT'; kid = $kid }) (New-Claims $now ($now + 300))
        Test-HyprClientAssertion -Jwt $jwt -PublicKey $publicJwk -ClientId $client.clientId -Quiet | Should -BeTrue
        (Get-HyprAccessToken -TenantUri $tenant -Assertion $jwt).ClientId | Should -BeExactly $client.clientId
    }

    It 'checks -ClientId against sub' {
        (Get-FailedChecks $good @{ PublicKey = $publicJwk; ClientId = $other.clientId }) | Should -Be @('Subject')
    }

    It 'the failing checks agree with the emulator: a tampered assertion is refused there with 1201047' {
        $parts = $good.Jwt.Split('.')
        $signature = ConvertFrom-Base64Url $parts[2]
        $signature[0] = $signature[0] -bxor 0x80
        $tampered = $parts[0] + '.' + $parts[1] + '.' + (ConvertTo-Base64Url $signature)
        Test-HyprClientAssertion -Jwt $tampered -PublicKey $publicJwk -Quiet | Should -BeFalse
        $failure = { Get-HyprAccessToken -TenantUri $tenant -Assertion $tampered } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeExactly 'HyprInvalidTokenExchange,HyprAuth.Commands.GetHyprAccessTokenCommand'
        $failure.Exception.HyprErrorCode | Should -Be 1201047
        $failure.Exception.Message | Should -Match 'signature'
    }
}
