from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("cities/", views.city_list, name="cities"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("cities/<slug:slug>/commitments/", views.city_commitments, name="city_commitments"),
]
