module github.com/chango-dev/chango

go 1.19

require golang.org/x/sync v0.1.0
