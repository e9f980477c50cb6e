# The persistent token cache (-TokenCache CurrentUser) on the built module, against the emulator: later processes of
# the same user reuse a token instead of exchanging (HYPR's active-token limit, 1201093), processes started together
# cause one exchange, damaged files are rebuilt, files others could read are refused, and nothing secret but the
# token itself is ever on disk.
# Each test has its own folder in HYPRAUTH_TOKEN_CACHE_PATH (set here for the tests that run in this process, and given
# to every child), so the user's real cache is never touched. Child PowerShells get the tenant, the Client Id and the
# Client key through environment variables, never on their command line; their last stdout line is a JSON result.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:manifest = Get-HyprModuleManifest
    Import-Module $manifest -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:onWindows = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
    $script:savedCachePath = $env:HYPRAUTH_TOKEN_CACHE_PATH
    $script:latin1 = [System.Text.Encoding]::Latin1
    $script:introspectPath = '/rp/api/bulk/HYPRDefaultApplication/introspect'

    # What every child script starts with: the module, the credentials from the environment, and helpers that say
    # what happened without printing a secret (the token travels as its SHA-256).
    $script:childPrologue = @'
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $env:HYPRAUTH_MODULE_MANIFEST
$hypr = @{ TenantUri = $env:HYPRAUTH_TEST_TENANT; ClientId = $env:HYPRAUTH_TEST_CLIENT_ID; ClientKey = $env:HYPRAUTH_TEST_CLIENT_KEY }
function Get-TokenHash($Token) {
    $value = [System.Net.NetworkCredential]::new('', $Token.AccessToken).Password
    [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($value)))
}
function Wait-Barrier {
    # Says it is ready, then waits for the parent's signal, so that all children ask for the token at the same moment.
    if (-not $env:HYPRAUTH_TEST_BARRIER) { return }
    $null = New-Item -ItemType File -Path ('{0}.ready-{1}' -f $env:HYPRAUTH_TEST_BARRIER, $PID)
    while (-not (Test-Path -LiteralPath $env:HYPRAUTH_TEST_BARRIER)) { Start-Sleep -Milliseconds 5 }
}
function Invoke-Measured([scriptblock] $Call) {
    # The call's output and verbose lines apart, and when it started and ended (Unix ms, comparable across processes).
    $started = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    $records = @(& $Call 4>&1)
    $ended = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    [pscustomobject]@{
        Output  = @($records | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        Verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        Started = $started
        Ended   = $ended
    }
}
'@

    function New-Client([hashtable] $Spec = @{}) {
        $client = New-EmulatorClient $emulator $Spec
        $script:testClients.Add($client.clientId)
        return $client
    }

    function Get-Count([string] $Name, [string] $Key) {
        $value = (Get-EmulatorCounters $emulator).$Name.PSObject.Properties[$Key]
        if ($value) { return [int]$value.Value } else { return 0 }
    }

    function Get-TokenHash([HyprAuth.HyprAccessToken] $Token) {
        return [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes((Get-TokenValue $Token))))
    }

    function Get-TokenFile {
        return @(Get-ChildItem -LiteralPath $cachePath -Filter '*.token' -File -Force -ErrorAction SilentlyContinue)
    }

    function Get-PersistentToken($Client) {
        Get-HyprAccessToken -TenantUri $tenant -ClientId $Client.clientId -ClientKey $Client.clientKey -TokenCache CurrentUser
    }

    # Forgets the in-memory entry, so that the next request of this process goes to the file, as a new process would.
    function Clear-MemoryEntry($Client) {
        Clear-HyprTokenCache -ClientId $Client.clientId -Location Process
    }

    function Set-Mode([string] $Path, [int] $Mode) {
        [System.IO.File]::SetUnixFileMode($Path, [System.IO.UnixFileMode]$Mode)
    }

    function Get-Mode([string] $Path) {
        return [int][System.IO.File]::GetUnixFileMode($Path)
    }

    function Start-Child([string] $Script, $Client, [hashtable] $Environment = @{}) {
        # The secrets only in the child's environment; always this test's cache folder, even where nothing should be
        # written: then "nothing" is checked there.
        $childEnvironment = @{
            HYPRAUTH_MODULE_MANIFEST  = $manifest
            HYPRAUTH_TEST_TENANT      = $tenant
            HYPRAUTH_TEST_CLIENT_ID   = $Client.clientId
            HYPRAUTH_TEST_CLIENT_KEY  = $Client.clientKey
            HYPRAUTH_TOKEN_CACHE_PATH = $cachePath
        }
        foreach ($name in $Environment.Keys) { $childEnvironment[$name] = $Environment[$name] }
        Start-ChildPowerShell -Script ($childPrologue + "`n" + $Script) -Environment $childEnvironment
    }

    function Wait-Child($Child, [int] $TimeoutSeconds = 60) { Wait-ChildPowerShell $Child -TimeoutSeconds $TimeoutSeconds }

    # A token through the persistent cache in Windows PowerShell 5.1, in this test's cache folder.
    function Invoke-DesktopTokenChild($Client) {
        Invoke-HyprFlowChild -Emulator $emulator -Client $Client -Edition Desktop -Environment @{ HYPRAUTH_TOKEN_CACHE_PATH = $cachePath } -Script @'
Import-Module $env:HYPRAUTH_TEST_MANIFEST
$key = ConvertTo-SecureString -String $env:HYPRAUTH_TEST_CLIENT_KEY -AsPlainText -Force
$token = Get-HyprAccessToken -TenantUri $env:HYPRAUTH_TEST_TENANT -ClientId $env:HYPRAUTH_TEST_CLIENT_ID -ClientKey $key -TokenCache CurrentUser
[ordered]@{ Edition = $PSVersionTable.PSEdition; FromCache = $token.FromCache } | ConvertTo-Json -Compress
'@
    }

    # The one token file is DPAPI-protected: the token is in it in no readable form, and no other secret is either.
    function Assert-TokenFileProtected([HyprAuth.HyprAccessToken] $Token, $Client) {
        $value = Get-TokenValue $Token
        $envelope = Get-Content -LiteralPath (Get-TokenFile)[0].FullName -Raw | ConvertFrom-Json
        $envelope.protection | Should -BeExactly 'dpapi-currentuser'
        $base64 = [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($value))
        $forms = @(
            $value
            $latin1.GetString([System.Text.Encoding]::Unicode.GetBytes($value))
            $base64
            $base64.TrimEnd('=').Replace('+', '-').Replace('/', '_')
            $value.Substring($value.Length - 12)
        )
        foreach ($haystack in Get-FolderHaystack $cachePath) {
            foreach ($form in $forms) {
                $because = "the token must not be readable in $($haystack.Name)"
                $haystack.Text.Contains($form, [StringComparison]::Ordinal) | Should -BeFalse -Because $because
            }
        }
        Assert-NoSecretOnDisk $cachePath $Client
    }

    function Invoke-Child([string] $Script, $Client) {
        Wait-Child (Start-Child -Script $Script -Client $Client)
    }

    # One child's request for a token through the given cache; reports whether the cache served it, whether it waited
    # for another process's lock, and when the request started and ended.
    $script:getTokenScript = @'
Wait-Barrier
$call = Invoke-Measured {
    if ($env:HYPRAUTH_TEST_TOKEN_CACHE) { Get-HyprAccessToken @hypr -TokenCache $env:HYPRAUTH_TEST_TOKEN_CACHE -Verbose }
    else { Get-HyprAccessToken @hypr -Verbose }
}
$token = $call.Output[0]
[ordered]@{
    FromCache = $token.FromCache
    TokenHash = Get-TokenHash $token
    Waited    = [bool]($call.Verbose -match 'Waiting for another process')
    Started   = $call.Started
    Ended     = $call.Ended
} | ConvertTo-Json -Compress
'@

    function Get-SecretNeedle($Client) {
        # The Client key in every form that could end up in a file: its text, its DER, and the private scalar d alone
        # (raw, base64, base64url, hex); text forms in UTF-8 and UTF-16.
        $der = [Convert]::FromBase64String($Client.clientKey)
        $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
        try {
            $read = 0
            $ecdsa.ImportPkcs8PrivateKey($der, [ref]$read)
            $d = $ecdsa.ExportParameters($true).D
        }
        finally { $ecdsa.Dispose() }
        $dBase64 = [Convert]::ToBase64String($d)
        $texts = [ordered]@{
            'the Client key text'       = $Client.clientKey
            'the Client key (base64url)' = $Client.clientKey.TrimEnd('=').Replace('+', '-').Replace('/', '_')
            'd (base64)'                = $dBase64
            'd (base64url)'             = $dBase64.TrimEnd('=').Replace('+', '-').Replace('/', '_')
            'd (hex)'                   = [Convert]::ToHexString($d)
            'd (lowercase hex)'         = [Convert]::ToHexString($d).ToLowerInvariant()
        }
        $needles = [ordered]@{ 'the Client key (DER)' = $latin1.GetString($der); 'd (raw bytes)' = $latin1.GetString($d) }
        foreach ($name in $texts.Keys) {
            $needles[$name] = $texts[$name]
            $needles["$name (UTF-16)"] = $latin1.GetString([System.Text.Encoding]::Unicode.GetBytes($texts[$name]))
        }
        return $needles
    }

    function ConvertFrom-AnyBase64([string] $Text) {
        $padded = $Text.TrimEnd('=').Replace('-', '+').Replace('_', '/')
        switch ($padded.Length % 4) { 1 { return $null } 2 { $padded += '==' } 3 { $padded += '=' } }
        try { return , [Convert]::FromBase64String($padded) } catch { return $null }
    }

    function Get-FolderHaystack([string] $Folder) {
        # Every byte of every file in the folder (one character per byte), and the bytes of every base64 or base64url
        # run in them, decoded, two levels deep: a secret hidden in an encoded payload is found too.
        $pending = [System.Collections.Generic.Queue[object]]::new()
        foreach ($file in Get-ChildItem -LiteralPath $Folder -Recurse -File -Force) {
            $pending.Enqueue([pscustomobject]@{ Name = $file.Name; Bytes = [System.IO.File]::ReadAllBytes($file.FullName); Depth = 0 })
        }
        while ($pending.Count -gt 0) {
            $item = $pending.Dequeue()
            $text = $latin1.GetString($item.Bytes)
            [pscustomobject]@{ Name = $item.Name; Text = $text }
            if ($item.Depth -lt 2) {
                foreach ($match in [regex]::Matches($text, '[A-Za-z0-9+/_-]{16,}={0,2}')) {
                    $decoded = ConvertFrom-AnyBase64 $match.Value
                    if ($null -ne $decoded) {
                        $pending.Enqueue([pscustomobject]@{ Name = "$($item.Name) (decoded base64)"; Bytes = $decoded; Depth = $item.Depth + 1 })
                    }
                }
            }
        }
    }

    function Assert-NoSecretOnDisk([string] $Folder, $Client) {
        $haystacks = @(Get-FolderHaystack $Folder)
        @($haystacks | Where-Object Name -Like '*.token').Count | Should -BeGreaterThan 0 -Because 'there must be a token file to scan'
        $needles = Get-SecretNeedle $Client
        foreach ($haystack in $haystacks) {
            foreach ($name in $needles.Keys) {
                $haystack.Text.Contains($needles[$name], [StringComparison]::Ordinal) |
                    Should -BeFalse -Because "$name must not be in $($haystack.Name)"
            }
            # An assertion is a compact JWS (three base64url parts, the first a JSON header), signed with ES256.
            $haystack.Text |
                Should -Not -Match 'eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}' -Because "no assertion may be in $($haystack.Name)"
            foreach ($marker in 'ES256', '"jti"', 'client_assertion', 'jwt-bearer', 'PRIVATE KEY') {
                $haystack.Text.Contains($marker, [StringComparison]::Ordinal) |
                    Should -BeFalse -Because "'$marker' (part of an assertion or a key) must not be in $($haystack.Name)"
            }
        }
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
    $env:HYPRAUTH_TOKEN_CACHE_PATH = $savedCachePath
}

Describe 'The persistent token cache (-TokenCache CurrentUser)' {
    BeforeEach {
        $script:testClients = [System.Collections.Generic.List[string]]::new()
        $script:cachePath = Join-Path $TestDrive ('cache-{0}' -f [guid]::NewGuid().ToString('N').Substring(0, 12))
        $env:HYPRAUTH_TOKEN_CACHE_PATH = $cachePath
    }

    AfterEach {
        # This process's memory entries of this test's clients go, so that nothing renews into another folder later.
        foreach ($clientId in $testClients) { Clear-HyprTokenCache -ClientId $clientId -Location Process }
        $env:HYPRAUTH_TOKEN_CACHE_PATH = $savedCachePath
    }

    It 'lets a second process reuse the token of the first: exactly 1 exchange' {
        $client = New-Client
        $environment = @{ HYPRAUTH_TEST_TOKEN_CACHE = 'CurrentUser' }
        $first = Wait-Child (Start-Child -Script $getTokenScript -Client $client -Environment $environment)
        $second = Wait-Child (Start-Child -Script $getTokenScript -Client $client -Environment $environment)

        $first.FromCache | Should -BeFalse
        $second.FromCache | Should -BeTrue
        $second.TokenHash | Should -BeExactly $first.TokenHash
        Get-Count exchanges $client.clientId | Should -Be 1

        # One token file (and its lock), owner-only: 0600 files in a 0700 folder.
        @(Get-TokenFile).Count | Should -Be 1
        if (-not $onWindows) {
            '{0:x}' -f (Get-Mode $cachePath) | Should -Be ('{0:x}' -f 0x1C0) -Because 'the folder must be 0700'
            foreach ($file in Get-ChildItem -LiteralPath $cachePath -File -Force) {
                '{0:x}' -f (Get-Mode $file.FullName) | Should -Be ('{0:x}' -f 0x180) -Because "$($file.Name) must be 0600"
            }

            # Without DPAPI the payload is readable by its owner: it holds the token and its metadata, nothing else.
            $envelope = Get-Content -LiteralPath (Get-TokenFile)[0].FullName -Raw | ConvertFrom-Json
            $envelope.protection | Should -BeExactly 'file-mode-0600'
            $entry = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($envelope.payload)) | ConvertFrom-Json
            @($entry.PSObject.Properties.Name | Sort-Object) |
                Should -Be @('accessToken', 'audience', 'clientId', 'expiresAt', 'grantType', 'issuedAt', 'issuer', 'keyId', 'keyThumbprint',
                    'scopes', 'tokenEndpoint', 'tokenType')
            $entry.clientId | Should -BeExactly $client.clientId
            [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($entry.accessToken))) |
                Should -BeExactly $first.TokenHash
        }
        Assert-NoSecretOnDisk $cachePath $client
    }

    It 'causes exactly 1 exchange when 4 processes start together' {
        $client = New-Client
        # The exchange takes 1.5 s, so the other three certainly arrive while the first holds the lock.
        $null = Invoke-EmulatorControl -Emulator $emulator -Route faults -Body @{ route = 'token'; kind = 'delay'; delayMs = 1500; count = 1 }
        $barrier = Join-Path $TestDrive ('go-{0}' -f [guid]::NewGuid().ToString('N'))
        $environment = @{ HYPRAUTH_TEST_TOKEN_CACHE = 'CurrentUser'; HYPRAUTH_TEST_BARRIER = $barrier }
        $children = @(1..4 | ForEach-Object { Start-Child -Script $getTokenScript -Client $client -Environment $environment })
        try {
            # All four have imported the module and wait at the barrier; then they go at once.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (@(Get-ChildItem -LiteralPath $TestDrive -Filter ((Split-Path -Leaf $barrier) + '.ready-*')).Count -lt 4) {
                if ([DateTime]::UtcNow -gt $deadline -or @($children | Where-Object { $_.Process.HasExited }).Count -gt 0) { break }
                Start-Sleep -Milliseconds 20
            }
            $null = New-Item -ItemType File -Path $barrier
        }
        finally {
            $results = @($children | ForEach-Object { Wait-Child $_ })
        }

        Get-Count exchanges $client.clientId | Should -Be 1
        @($results | Where-Object { -not $_.FromCache }).Count | Should -Be 1
        @($results | Where-Object FromCache).Count | Should -Be 3
        @($results.TokenHash | Select-Object -Unique).Count | Should -Be 1
        # They truly overlapped: every one had asked before the first had its answer, and the others waited for its lock.
        ($results.Started | Measure-Object -Maximum).Maximum | Should -BeLessThan ($results.Ended | Measure-Object -Minimum).Minimum
        @($results | Where-Object Waited).Count | Should -BeGreaterOrEqual 1
        Assert-NoSecretOnDisk $cachePath $client
    }

    It 'is off by default: two processes without -TokenCache cause 2 exchanges and write nothing' {
        $client = New-Client
        $first = Invoke-Child -Script $getTokenScript -Client $client
        $second = Invoke-Child -Script $getTokenScript -Client $client

        $first.FromCache | Should -BeFalse
        $second.FromCache | Should -BeFalse
        $second.TokenHash | Should -Not -Be $first.TokenHash
        Get-Count exchanges $client.clientId | Should -Be 2
        $cachePath | Should -Not -Exist
    }

    It 'recovers from <Damage>: a warning, a new token, then a valid file' -ForEach @(
        @{ Damage = 'a truncated file'; Change = { param([byte[]] $Bytes) , $Bytes[0..([int]($Bytes.Length / 2))] } }
        @{ Damage = 'an empty file'; Change = { param([byte[]] $Bytes) , [byte[]]@() } }
        @{ Damage = 'a file that is not JSON'; Change = { param([byte[]] $Bytes) , [byte[]](1..200 | ForEach-Object { $_ % 251 }) } }
        @{ Damage = 'an edited file'; Change = {
                # One character of the payload changed: the checksum (or DPAPI) no longer matches.
                param([byte[]] $Bytes)
                $text = [System.Text.Encoding]::UTF8.GetString($Bytes)
                $at = $text.IndexOf('"payload":"', [StringComparison]::Ordinal) + 30
                $replacement = if ($text[$at] -ceq 'A') { 'B' } else { 'A' }
                , [System.Text.Encoding]::UTF8.GetBytes($text.Substring(0, $at) + $replacement + $text.Substring($at + 1))
            }
        }
    ) {
        $client = New-Client
        $original = Get-PersistentToken $client
        $file = (Get-TokenFile)[0].FullName
        [System.IO.File]::WriteAllBytes($file, (& $Change ([System.IO.File]::ReadAllBytes($file))))
        Clear-MemoryEntry $client

        $renewed = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser `
            -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "*'$file' is discarded*"
        $renewed.FromCache | Should -BeFalse
        Get-TokenValue $renewed | Should -Not -Be (Get-TokenValue $original)
        Get-Count exchanges $client.clientId | Should -Be 2

        # The rebuilt file serves the next process (here: this one with its memory cleared) without a warning.
        Clear-MemoryEntry $client
        $again = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser `
            -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -BeNullOrEmpty
        $again.FromCache | Should -BeTrue
        Get-TokenValue $again | Should -Be (Get-TokenValue $renewed)
        Get-Count exchanges $client.clientId | Should -Be 2
        @(Get-HyprTokenCache -ClientId $client.clientId -Location CurrentUser -WarningAction Stop).Count | Should -Be 1
    }

    It 'removes an unreadable file when the whole persistent cache is cleared, but not with -WhatIf' {
        $client = New-Client
        $null = Get-PersistentToken $client
        $file = (Get-TokenFile)[0].FullName
        [System.IO.File]::WriteAllText($file, '{"format":"HyprAuth token cache","version":99}')

        Invoke-WithoutHost Clear-HyprTokenCache @{ Location = 'CurrentUser'; WhatIf = $true; WarningAction = 'SilentlyContinue' }
        $file | Should -Exist
        Clear-HyprTokenCache -Location CurrentUser -WarningAction SilentlyContinue
        $file | Should -Not -Exist
        Get-HyprTokenCache -Location CurrentUser -WarningVariable warnings | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
    }

    It 'never hands out an expired entry' {
        if ($onWindows) {
            Set-ItResult -Skipped -Because 'this test rewrites the payload, which DPAPI protects on Windows; the engine''s xunit tests cover it there'
            return
        }
        $client = New-Client
        $null = Get-PersistentToken $client
        Clear-MemoryEntry $client
        # A well-formed entry (valid checksum) whose token expired a minute ago.
        $file = (Get-TokenFile)[0].FullName
        $envelope = Get-Content -LiteralPath $file -Raw | ConvertFrom-Json
        $entry = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($envelope.payload)) | ConvertFrom-Json
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $entry.issuedAt = $now - 3660000
        $entry.expiresAt = $now - 60000
        $payload = [System.Text.Encoding]::UTF8.GetBytes(($entry | ConvertTo-Json -Compress))
        $envelope.payload = [Convert]::ToBase64String($payload)
        $envelope.sha256 = [Convert]::ToBase64String([System.Security.Cryptography.SHA256]::HashData($payload))
        [System.IO.File]::WriteAllText($file, ($envelope | ConvertTo-Json -Compress))

        $token = Get-HyprAccessToken -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser `
            -WarningVariable warnings -WarningAction SilentlyContinue
        $token.FromCache | Should -BeFalse
        $token.ExpiresOn | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(30))
        $warnings | Should -BeNullOrEmpty -Because 'an expired entry is not damage'
        Get-Count exchanges $client.clientId | Should -Be 2
        (Get-HyprTokenCache -ClientId $client.clientId -Location CurrentUser).ExpiresOn.ToUnixTimeMilliseconds() |
            Should -Be $token.ExpiresOn.ToUnixTimeMilliseconds()
    }

    It 'refuses a cache file with mode 0644 (TokenCacheFileTooOpen), and works again once it is 0600' {
        if ($onWindows) { Set-ItResult -Skipped -Because 'Windows has no file modes: the profile''s ACL and DPAPI protect the file there'; return }
        $client = New-Client
        $null = Get-PersistentToken $client
        Clear-MemoryEntry $client
        $file = (Get-TokenFile)[0].FullName
        Set-Mode $file 0x1A4

        $failure = $null
        try { $null = Get-PersistentToken $client }
        catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'TokenCacheFileTooOpen,*'
        $failure.CategoryInfo.Category | Should -Be 'SecurityError'
        $failure.TargetObject | Should -Be $file
        $failure.Exception.Message | Should -BeLike '*0644*chmod 600*'
        $failure.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        { Get-HyprTokenCache -Location CurrentUser } | Should -Throw -ErrorId 'TokenCacheFileTooOpen,*'
        Get-Count exchanges $client.clientId | Should -Be 1 -Because 'a refused file is not replaced by a new exchange'
        $file | Should -Exist

        Set-Mode $file 0x180
        (Get-PersistentToken $client).FromCache | Should -BeTrue
        Get-Count exchanges $client.clientId | Should -Be 1

        # The error's other remedy: Clear-HyprTokenCache removes such a file (without reading its token).
        Set-Mode $file 0x1A4
        Clear-HyprTokenCache -ClientId $client.clientId -Location CurrentUser
        $file | Should -Not -Exist
    }

    It 'refuses a cache folder with mode 0755 (TokenCacheFolderTooOpen), and works again once it is 0700' {
        if ($onWindows) { Set-ItResult -Skipped -Because 'Windows has no file modes: the profile''s ACL and DPAPI protect the folder there'; return }
        $client = New-Client
        $null = Get-PersistentToken $client
        Clear-MemoryEntry $client
        Set-Mode $cachePath 0x1ED

        $failure = $null
        try { $null = Get-PersistentToken $client }
        catch { $failure = $_ }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'TokenCacheFolderTooOpen,*'
        $failure.CategoryInfo.Category | Should -Be 'SecurityError'
        $failure.Exception.Message | Should -BeLike '*0755*chmod 700*'
        { Get-HyprTokenCache -Location CurrentUser } | Should -Throw -ErrorId 'TokenCacheFolderTooOpen,*'
        Get-Count exchanges $client.clientId | Should -Be 1

        Set-Mode $cachePath 0x1C0
        (Get-PersistentToken $client).FromCache | Should -BeTrue
        Get-Count exchanges $client.clientId | Should -Be 1
    }

    It 'never writes the key, its d or an assertion, whichever way the key is given' {
        $client = New-Client
        $keyFile = Join-Path $TestDrive ('key-{0}.pem' -f [guid]::NewGuid().ToString('N'))
        $pem = "-----BEGIN PRIVATE KEY-----`n{0}`n-----END PRIVATE KEY-----`n" -f $client.clientKey
        Set-Content -LiteralPath $keyFile -Value $pem -NoNewline
        Set-KeyFileOwnerOnly $keyFile
        $secureKey = ConvertTo-SecureString -String $client.clientKey -AsPlainText -Force
        $common = @{ TenantUri = $tenant; ClientId = $client.clientId; TokenCache = 'CurrentUser' }

        $null = Get-HyprAccessToken @common -ClientKey $client.clientKey
        Clear-MemoryEntry $client
        $null = Get-HyprAccessToken @common -ClientKey $secureKey
        $null = Get-HyprAccessToken @common -KeyPath $keyFile -Force
        Clear-MemoryEntry $client
        $null = Invoke-HyprApi @common -KeyPath $keyFile -Path $introspectPath
        $null = Invoke-HyprApi @common -ClientKey $secureKey -Path $introspectPath -Method Get
        # A ready assertion's token stays in memory (its parameter set has no -TokenCache).
        $assertion = New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey
        $null = Get-HyprAccessToken -TenantUri $tenant -Assertion $assertion

        Get-Count exchanges $client.clientId | Should -Be 3
        @(Get-TokenFile).Count | Should -Be 1
        $assertionParts = $assertion.Jwt.Split('.')
        foreach ($haystack in Get-FolderHaystack $cachePath) {
            foreach ($part in $assertionParts) { $haystack.Text.Contains($part, [StringComparison]::Ordinal) |
                Should -BeFalse -Because "no part of the assertion may be in $($haystack.Name)" }
        }
        Assert-NoSecretOnDisk $cachePath $client
    }

    It 'has a secret scan that finds a planted <Planted> (control)' -ForEach @(
        @{
            Planted = 'd, base64url inside a base64 payload'
            Plant = { param($Client,
                $Needles) [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes('{"x":"' + $Needles['d (base64url)'] + '"}')) }
        }
        @{ Planted = 'Client key in UTF-16'; Plant = { param($Client, $Needles) $Needles['the Client key text (UTF-16)'] } }
        @{
            Planted = 'assertion'
            Plant = { param($Client, $Needles) (New-HyprClientAssertion -ClientId $Client.clientId -ClientKey $Client.clientKey).Jwt }
        }
    ) {
        $client = New-Client
        $null = New-Item -ItemType Directory -Path $cachePath
        $text = & $Plant $client (Get-SecretNeedle $client)
        [System.IO.File]::WriteAllBytes((Join-Path $cachePath 'planted.token'), $latin1.GetBytes('{"payload":"' + $text + '"}'))
        { Assert-NoSecretOnDisk $cachePath $client } | Should -Throw
    }

    # DPAPI exists only on Windows (tag Windows: run there only); on Linux and macOS the file's 0600 mode in a 0700
    # folder protects the token (tested above).
    It 'does not keep the token as plain text in the file (DPAPI)' -Tag Windows {
        $client = New-Client
        Assert-TokenFileProtected (Get-PersistentToken $client) $client
    }

    It 'shares the DPAPI-protected file with Windows PowerShell 5.1: written there, read there and here, 1 exchange' -Tag Windows, WindowsPowerShell {
        $client = New-Client
        $first = Invoke-DesktopTokenChild $client
        $second = Invoke-DesktopTokenChild $client
        $first.Edition | Should -Be 'Desktop'
        $first.FromCache | Should -BeFalse
        $second.FromCache | Should -BeTrue
        $token = Get-PersistentToken $client
        $token.FromCache | Should -BeTrue -Because 'PowerShell 7 reads the file Windows PowerShell 5.1 wrote'
        Get-Count exchanges $client.clientId | Should -Be 1
        Assert-TokenFileProtected $token $client
    }

    It 'is listed by Get-HyprTokenCache (Location CurrentUser), without any secret' {
        $client = New-Client
        $token = Get-PersistentToken $client
        $thumbprint = (New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey).KeyId
        Clear-MemoryEntry $client

        $entries = @(Get-HyprTokenCache -ClientId $client.clientId)
        $entries.Count | Should -Be 1
        $entry = $entries[0]
        $entry | Should -BeOfType ([HyprAuth.HyprTokenCacheEntry])
        $entry.Location | Should -Be ([HyprAuth.HyprTokenCacheLocation]::CurrentUser)
        $entry.TenantUri | Should -Be $token.TenantUri
        $entry.Scope | Should -Be $token.Scope
        $entry.ExpiresOn.ToUnixTimeMilliseconds() | Should -Be $token.ExpiresOn.ToUnixTimeMilliseconds()
        $entry.KeyThumbprint | Should -BeExactly $thumbprint
        $entry.CanRenew | Should -BeFalse -Because 'no key is on disk'
        @(Get-HyprTokenCache -ClientId $client.clientId -Location Process) | Should -BeNullOrEmpty

        # Read from the file, the token is in memory again: both locations list it.
        (Get-PersistentToken $client).FromCache | Should -BeTrue
        @(Get-HyprTokenCache -ClientId $client.clientId).Location | Sort-Object | Should -Be @('Process', 'CurrentUser')

        $renderings = @(
            (Get-HyprTokenCache -ClientId $client.clientId | Out-String -Width 4096)
            (Get-HyprTokenCache -ClientId $client.clientId | Format-List * -Force | Out-String -Width 4096)
            (Get-HyprTokenCache -ClientId $client.clientId | ConvertTo-Json -Depth 5)
            (Get-HyprTokenCache -ClientId $client.clientId | ForEach-Object ToString)
        ) -join "`n"
        $renderings | Should -Match 'CurrentUser'
        $renderings | Should -Not -Match ([regex]::Escape((Get-TokenValue $token)))
        $renderings | Should -Not -Match ([regex]::Escape($client.clientKey))
    }

    It 'is cleared by Clear-HyprTokenCache, but not with -WhatIf' {
        $client = New-Client
        $null = Get-PersistentToken $client
        $file = (Get-TokenFile)[0].FullName
        $before = [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.IO.File]::ReadAllBytes($file)))

        Invoke-WithoutHost Clear-HyprTokenCache @{ ClientId = $client.clientId; WhatIf = $true }
        $file | Should -Exist
        [Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.IO.File]::ReadAllBytes($file))) | Should -Be $before
        @(Get-HyprTokenCache -ClientId $client.clientId).Count | Should -Be 2

        $removed = @(Clear-HyprTokenCache -ClientId $client.clientId -Location CurrentUser -PassThru)
        $removed.Count | Should -Be 1
        $removed[0].Location | Should -Be ([HyprAuth.HyprTokenCacheLocation]::CurrentUser)
        $file | Should -Not -Exist
        @(Get-TokenFile) | Should -BeNullOrEmpty
        @(Get-HyprTokenCache -ClientId $client.clientId).Location | Should -Be @('Process') -Because 'only the file was cleared'

        # An entry piped from Get-HyprTokenCache removes exactly that file.
        Clear-MemoryEntry $client
        $null = Get-PersistentToken $client
        Get-Count exchanges $client.clientId | Should -Be 2
        Get-HyprTokenCache -ClientId $client.clientId -Location CurrentUser | Clear-HyprTokenCache
        @(Get-TokenFile) | Should -BeNullOrEmpty
        @(Get-HyprTokenCache -ClientId $client.clientId).Location | Should -Be @('Process')
    }

    It 'serves Invoke-HyprApi with inline credentials in a second process without an exchange' {
        $client = New-Client
        $first = Invoke-HyprApi -TenantUri $tenant -ClientId $client.clientId -ClientKey $client.clientKey -TokenCache CurrentUser `
            -Path $introspectPath
        $first.rpAppId | Should -Be 'HYPRDefaultApplication'
        Get-Count exchanges $client.clientId | Should -Be 1
        @(Get-TokenFile).Count | Should -Be 1

        $result = Invoke-Child -Client $client -Script @'
$introspection = Invoke-HyprApi @hypr -TokenCache CurrentUser -Path /rp/api/bulk/HYPRDefaultApplication/introspect
[ordered]@{ RpAppId = $introspection.rpAppId; Cached = @(Get-HyprTokenCache -Location Process).Count } | ConvertTo-Json -Compress
'@
        $result.RpAppId | Should -Be 'HYPRDefaultApplication'
        $result.Cached | Should -Be 1
        Get-Count exchanges $client.clientId | Should -Be 1 -Because 'the second process used the token on disk'
    }

    It 'is switched on for a whole session with $PSDefaultParameterValues' {
        $client = New-Client
        $token = Get-PersistentToken $client
        Get-Count exchanges $client.clientId | Should -Be 1

        $result = Invoke-Child -Client $client -Script @'
$PSDefaultParameterValues['*-Hypr*:TokenCache'] = 'CurrentUser'
$token = Get-HyprAccessToken @hypr
Connect-Hypr @hypr
# Invoke-HyprApi without credentials uses that token, renewed through the same caches; the default does not get in its way.
$introspection = Invoke-HyprApi -Path /rp/api/bulk/HYPRDefaultApplication/introspect
# A ready assertion's token is never written to disk, whatever -TokenCache says: it is exchanged, in memory only.
$assertion = New-HyprClientAssertion -ClientId $hypr.ClientId -ClientKey $hypr.ClientKey
$fixed = Get-HyprAccessToken -TenantUri $env:HYPRAUTH_TEST_TENANT -Assertion $assertion
[ordered]@{
    FromCache = $token.FromCache
    TokenHash = Get-TokenHash $token
    RpAppId = $introspection.rpAppId
    FixedFromCache = $fixed.FromCache
} | ConvertTo-Json -Compress
'@
        $result.FromCache | Should -BeTrue
        $result.TokenHash | Should -BeExactly (Get-TokenHash $token)
        $result.RpAppId | Should -Be 'HYPRDefaultApplication'
        $result.FixedFromCache | Should -BeFalse
        Get-Count exchanges $client.clientId | Should -Be 2 -Because 'only the ready assertion was exchanged'
        @(Get-TokenFile).Count | Should -Be 1 -Because 'the ready assertion''s token is not written'
        Assert-NoSecretOnDisk $cachePath $client
    }
}
