package server

import "github.com/pyrosh/pyrosh/pyro/codec"

func callOf(object, method string) *codec.Call { return &codec.Call{Object: object, Method: method} }
