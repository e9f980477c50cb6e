# The defects an adversarial review of 0.1.0 found (issue 13), each proven against the emulator through the built module.
# Every case uses a client of its own, so the emulator's per-client counters speak for that case alone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-HyprModuleManifest) -Force
    $script:emulator = Start-TestEmulator
    $script:tenant = $emulator.BaseUri
    $script:tokenRoute = 'POST /rp/token/endpoint/exchange/clientcredentials'

    function Get-Token($Client, [hashtable] $Extra = @{}) {
        Get-HyprAccessToken -TenantUri $tenant -ClientId $Client.clientId -ClientKey $Client.clientKey @Extra
    }
}

AfterAll {
    Stop-HyprEmulator $emulator
}

Describe 'An API that rejects every token (defect 1)' {
    It 'costs exactly one exchange beyond the first over 10 calls, each failing as HyprTokenInvalidOrExpired' {
        $client = New-EmulatorClient $emulator @{}
        $token = Get-Token $client
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'status'; status = 401; count = 11
            body = '{"errorCode":1201046,"errorMessage":"Endpoint API token invalid or expired"}' }

        $ids = foreach ($call in 1..10) {
            try { Invoke-HyprApi -AccessToken $token -Path /rp/api/echo -ErrorAction Stop; 'no error' }
            catch { $_.FullyQualifiedErrorId -replace ',.*$' }
        }

        $ids | Should -Be (@('HyprTokenInvalidOrExpired') * 10)
        Get-EmulatorCount $emulator exchanges $client.clientId | Should -Be 2
        # The first call: the token, then its one replacement; each later call: one request, no renewal.
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be 11
    }
}

Describe 'A malformed access_token (defect 2)' {
    It 'with CR/LF is HyprInvalidResponse and never reaches the disk cache' {
        $client = New-EmulatorClient $emulator @{}
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-crlf-' + [guid]::NewGuid().ToString('N'))
        $saved = $env:HYPRAUTH_TOKEN_CACHE_PATH
        $env:HYPRAUTH_TOKEN_CACHE_PATH = $folder
        try {
            Add-EmulatorFault $emulator @{ route = 'token'; kind = 'status'; status = 200
                body = '{"token_type":"Bearer","expires_in":3600,"access_token":"hypap-forged\r\nX-Injected: yes"}' }

            $record = $null
            try { Get-Token $client @{ TokenCache = 'CurrentUser' } -ErrorAction Stop } catch { $record = $_ }

            $record.FullyQualifiedErrorId | Should -BeLike 'HyprInvalidResponse,*'
            $record.Exception.Message | Should -BeLike '*line break*'
            Get-ErrorText $record | Should -Not -BeLike '*hypap-forged*'
            @(Get-ChildItem -LiteralPath $folder -Filter '*.token' -ErrorAction SilentlyContinue).Count | Should -Be 0
            @(Get-HyprTokenCache | Where-Object ClientId -EQ $client.clientId).Count | Should -Be 0
        }
        finally {
            $env:HYPRAUTH_TOKEN_CACHE_PATH = $saved
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Headers outside RFC 9110 (defect 8)' {
    It '<Case> is InvalidHeaders at once, naming the header, and sends nothing' -ForEach @(
        @{ Case = 'a non-ASCII value'; Headers = @{ 'X-A' = 'Zoë-private' } }
        @{ Case = 'a NUL in the value'; Headers = @{ 'X-A' = "nul`0-private" } }
        @{ Case = 'a vertical tab in the value'; Headers = @{ 'X-A' = "vt`v-private" } }
    ) {
        $client = New-EmulatorClient $emulator @{}
        $token = Get-Token $client
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'

        $record = $null
        try { Invoke-HyprApi -AccessToken $token -Path /rp/api/echo -Headers $Headers -ErrorAction Stop } catch { $record = $_ }

        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidHeaders,*'
        $record.Exception.Message | Should -BeLike '*X-A header*'
        Get-ErrorText $record | Should -Not -BeLike '*private*'
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be $before
    }
}

Describe 'Framing and hop-by-hop headers (defects 2 and 8)' {
    It '<Name> is InvalidHeaders at once, naming the header, with no request and no retry' -ForEach @(
        @{ Name = 'Transfer-Encoding'; Value = 'chunked' }
        @{ Name = 'Connection'; Value = 'close' }
        @{ Name = 'Upgrade'; Value = 'h2c' }
        @{ Name = 'TE'; Value = 'trailers' }
        @{ Name = 'Keep-Alive'; Value = 'timeout=5' }
        @{ Name = 'Trailer'; Value = 'X-A' }
        @{ Name = 'Proxy-Connection'; Value = 'keep-alive' }
    ) {
        $client = New-EmulatorClient $emulator @{}
        $token = Get-Token $client
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'

        $record = $null
        $verbose = try { Invoke-HyprApi -AccessToken $token -Path /rp/api/echo -Headers @{ $Name = $Value } -Verbose -ErrorAction Stop 4>&1 }
        catch { $record = $_ }

        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidHeaders,*'
        $record.Exception.Message | Should -BeLike "*$Name header*"
        @($verbose | Where-Object { "$_" -like '*retry*' }) | Should -BeNullOrEmpty -Because 'a request that cannot be built is not retried'
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be $before
    }
}

Describe 'A Retry-After beyond the 60 s cap (defect 4)' {
    It 'ends the call at once with RetryAfter on the exception and when to try again in the message' {
        $client = New-EmulatorClient $emulator @{}
        $token = Get-Token $client
        Add-EmulatorFault $emulator @{ route = 'api'; kind = 'status'; status = 429; retryAfter = '86400'
            body = '{"errorCode":1202500,"errorMessage":"Too many requests"}' }

        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'
        $record = $null
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        try { Invoke-HyprApi -AccessToken $token -Path /rp/api/echo -ErrorAction Stop } catch { $record = $_ }
        $watch.Stop()

        $record.FullyQualifiedErrorId | Should -BeLike 'HyprRateLimited,*'
        $record.Exception.RetryAfter | Should -Be ([TimeSpan]::FromSeconds(86400))
        $record.Exception.Message | Should -Match 'try again after \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be ($before + 1) -Because 'nothing was retried'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
    }
}

Describe 'A persistent cache folder that holds other files (defect 3)' {
    It 'keeps draft.tmp and notes.token through token writes and Clear-HyprTokenCache, and locks nothing of theirs' {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-shared-' + [guid]::NewGuid().ToString('N'))
        $saved = $env:HYPRAUTH_TOKEN_CACHE_PATH
        $env:HYPRAUTH_TOKEN_CACHE_PATH = $folder
        try {
            $null = Get-Token (New-EmulatorClient $emulator @{}) @{ TokenCache = 'CurrentUser' }
            $strangers = foreach ($name in 'draft.tmp', 'notes.token') {
                $path = Join-Path $folder $name
                Set-Content -LiteralPath $path -Value 'not HyprAuth''s'
                if (-not $IsWindows) { [System.IO.File]::SetUnixFileMode($path, [System.IO.UnixFileMode]'UserRead, UserWrite') }
                [System.IO.File]::SetLastWriteTimeUtc($path, [DateTime]::UtcNow.AddHours(-1))
                $path
            }

            $null = Get-Token (New-EmulatorClient $emulator @{}) @{ TokenCache = 'CurrentUser' }
            Clear-HyprTokenCache -Location CurrentUser -Confirm:$false

            foreach ($path in $strangers) { Test-Path -LiteralPath $path | Should -BeTrue -Because "$path is not HyprAuth's" }
            Test-Path -LiteralPath (Join-Path $folder 'notes.lock') | Should -BeFalse
            @(Get-ChildItem -LiteralPath $folder -Filter '*.token').Name | Should -Be 'notes.token'
        }
        finally {
            $env:HYPRAUTH_TOKEN_CACHE_PATH = $saved
            Clear-HyprTokenCache -Location Process -Confirm:$false
            Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Piped objects and the HTTP method (defect 9)' {
    BeforeAll {
        $script:pipeToken = Get-Token (New-EmulatorClient $emulator @{})
    }

    It 'a piped method, body or query is refused when -Path is on the command line, and nothing is sent' -ForEach @(
        @{ Name = 'Method'; Piped = [pscustomobject]@{ userName = 'alice'; method = 'DELETE' } }
        @{ Name = 'Body'; Piped = [pscustomobject]@{ userName = 'alice'; body = @{ enabled = $false } } }
        @{ Name = 'Query'; Piped = [pscustomobject]@{ userName = 'alice'; query = @{ purge = 'all' } } }
    ) {
        $before = Get-EmulatorCount $emulator requests 'ANY /rp/api/echo'

        $records = @()
        $output = $Piped | Invoke-HyprApi -AccessToken $pipeToken -Path /rp/api/echo -ErrorAction SilentlyContinue -ErrorVariable records

        $output | Should -BeNullOrEmpty
        $records.Count | Should -Be 1
        $records[0].FullyQualifiedErrorId | Should -BeLike "Invalid$Name,*"
        Get-EmulatorCount $emulator requests 'ANY /rp/api/echo' | Should -Be $before
    }

    It 'objects that carry the path carry their method too' {
        $echo = [pscustomobject]@{
            path = '/rp/api/echo/x'
            method = 'PUT'
            body = @{ a = 1 }
        } | Invoke-HyprApi -AccessToken $pipeToken -Confirm:$false

        $echo.method | Should -Be 'PUT'
        $echo.path | Should -Be '/rp/api/echo/x'
    }

    It 'a method on the command line with piped paths is used for each' {
        $echo = [pscustomobject]@{ path = '/rp/api/echo/y' } | Invoke-HyprApi -AccessToken $pipeToken -Method PATCH -Confirm:$false

        $echo.method | Should -Be 'PATCH'
    }
}

Describe 'New-HyprClientAssertion -OutFile on Windows (defect 10)' -Tag Windows -Skip:(-not $IsWindows) {
    It 'creates a file whose DACL is protected and lets only its owner in, even over a file that let others in' {
        $client = New-EmulatorClient $emulator @{}
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-assertion-' + [guid]::NewGuid().ToString('N') + '.jwt')
        try {
            Set-Content -LiteralPath $file -Value 'old'
            $open = Get-Acl -LiteralPath $file
            $open.AddAccessRule([System.Security.AccessControl.FileSystemAccessRule]::new('Everyone', 'Read', 'Allow'))
            Set-Acl -LiteralPath $file -AclObject $open

            New-HyprClientAssertion -ClientId $client.clientId -ClientKey $client.clientKey -OutFile $file

            $acl = Get-Acl -LiteralPath $file
            $acl.AreAccessRulesProtected | Should -BeTrue
            $rules = @($acl.Access)
            $rules.Count | Should -Be 1
            $rules[0].IdentityReference.Value | Should -BeIn @('OWNER RIGHTS', $acl.Owner)
            $rules[0].AccessControlType | Should -Be 'Allow'
            (Get-Content -Raw -LiteralPath $file) | Should -Match '^eyJ'
        }
        finally { Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue }
    }
}
